// Package lock pins a spec's extensions to exact images: it reads each image's SHA256SUMS and writes
// hash: (and, for version: latest, the newest version) back into the spec without disturbing the rest.
//
// It is the only part of sysext-ign that touches the network; gen never does.
package lock

import (
	"bytes"
	"context"
	"fmt"
	"net/url"
	"sort"
	"strings"
	"sync"

	"github.com/ProtonMail/go-crypto/openpgp"
	"github.com/sysext-ign/sysext-ign/generator"
)

// Change is what lock pins in one extension.
type Change struct {
	Name    string
	Latest  bool   // the spec said version: latest
	Version string // the version the hash is for
	Hash    string
}

// String is the line the CLI prints for the change.
func (c Change) String() string {
	if c.Latest {
		return fmt.Sprintf("%s: version latest -> %s, hash %s", c.Name, c.Version, c.Hash)
	}
	return fmt.Sprintf("%s: hash %s", c.Name, c.Hash)
}

// Result is a locked spec; Spec is nil when nothing needed pinning.
type Result struct {
	Spec    []byte
	Changes []Change
}

// Lock pins every extension of the spec in src that has no hash; any error means no Result at all.
// readFile reads the spec's ca: and include: files, as for gen.
// The report holds lock's own errors and warnings, or the spec's errors when gen would reject it.
func Lock(file string, src []byte, c *Client, readFile func(string) ([]byte, error)) (*Result, generator.Report) {
	plan, rep := generator.Lockables(file, src, generator.Options{ReadFile: readFile})
	if rep.HasErrors() {
		return nil, errorsOnly(rep)
	}
	exts := plan.Extensions
	if len(plan.CA) > 0 {
		c = c.trusting(plan.CA)
	}
	// gen has checked the keyring, so it reads; an empty one verifies nothing.
	keyring, _ := openpgp.ReadKeyRing(bytes.NewReader(plan.Keyring))
	lk := &locker{file: file, client: c, keyring: keyring}
	lk.fetchAll(exts)
	res := &Result{}
	var edits []edit
	for i, l := range exts {
		if ch, ok := lk.extension(l); ok {
			edits = append(edits, edit{ext: i, version: latestOnly(ch), hash: ch.Hash})
			res.Changes = append(res.Changes, ch)
		}
	}
	lk.report = lk.report.Silence(plan.Silenced)
	if lk.report.HasErrors() {
		return nil, lk.report
	}
	if len(edits) == 0 {
		return res, lk.report
	}
	out, err := splice(src, edits)
	if err != nil {
		return nil, append(lk.report, msgSplice(err.Error(), res.Changes).at(file, generator.Pos{}))
	}
	res.Spec = out
	return res, lk.report
}

// fetched is one checksum list, or why it could not be had, so each URL is fetched once per run.
type fetched struct {
	list sums
	why  problem
}

type locker struct {
	file    string
	client  *Client
	keyring openpgp.EntityList  // the keys that signed lists must verify against
	fetched map[string]*fetched // by listKey
	report  generator.Report
}

// fetchAll fetches every list the extensions need, a few at a time, all within the client's deadline.
func (lk *locker) fetchAll(exts []generator.Lockable) {
	ctx := context.Background()
	if lk.client.Deadline > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, lk.client.Deadline)
		defer cancel()
	}
	lk.fetched = map[string]*fetched{}
	slots := make(chan struct{}, parallel)
	var wg sync.WaitGroup
	for _, l := range exts {
		key, headers := listKey(l)
		if !needsList(l) || lk.fetched[key] != nil {
			continue
		}
		f := &fetched{}
		lk.fetched[key] = f
		wg.Go(func() {
			slots <- struct{}{}
			defer func() { <-slots }()
			*f = lk.fetch(ctx, l.SumsURL, headers, verifies(l))
		})
	}
	wg.Wait()
}

func (lk *locker) add(p generator.Pos, pr problem) {
	lk.report = append(lk.report, pr.at(lk.file, p))
}

// needsList tells whether extension would read the extension's list: it has no hash, and lock knows where its list is.
func needsList(l generator.Lockable) bool {
	latest := l.Version.Value == "latest"
	return !l.Hash.IsSet() && !(latest && l.Source.IsSet()) && l.SumsURL != ""
}

// extension decides what one extension needs and finds its hash; ok is false when nothing is to be written.
func (lk *locker) extension(l generator.Lockable) (ch Change, ok bool) {
	latest := l.Version.Value == "latest"
	switch {
	case l.Hash.IsSet() && !latest:
		return ch, false
	case l.Hash.IsSet():
		lk.add(l.Hash.Pos, msgHashWithLatest)
		return ch, false
	case latest && l.Source.IsSet():
		lk.add(l.Version.Pos, msgLatestOwnSource)
		return ch, false
	case l.UpdateDir != "":
		lk.add(l.Update.Source.Pos, msgNotLockableDir)
		return ch, false
	case l.SumsURL == "":
		lk.add(l.Source.Pos, msgNotLockable)
		return ch, false
	}
	key, _ := listKey(l)
	f := lk.fetched[key]
	if f.why.code != "" {
		lk.add(l.Pos, f.why)
		return ch, false
	}
	ch = Change{Name: l.Name.Value, Latest: latest, Version: l.Version.Value}
	image := l.Image
	if latest {
		image, ch.Version = newest(f.list, l)
		if image == "" {
			lk.add(l.Version.Pos, msgNoMatch(pattern(l), shown(l.SumsURL)))
			return ch, false
		}
	}
	sum, found := f.list[image]
	if !found {
		lk.add(l.Version.Pos, msgNoLine(image, shown(l.SumsURL)))
		return ch, false
	}
	ch.Hash = "sha256-" + sum
	return ch, true
}

// listKey names the extension's list, the headers it is fetched with, sent only to the server its image comes from,
// and whether its signature is checked.
func listKey(l generator.Lockable) (string, []generator.Header) {
	headers := l.Headers
	if l.Source.IsSet() && !sameOriginURL(l.Source.Value, l.SumsURL) {
		headers = nil
	}
	key := l.SumsURL + "\x00" + headerKey(headers)
	if verifies(l) {
		key += "\x00verify"
	}
	return key, headers
}

// fetch reads one checksum list, and with verify trusts it only once its signature checks out.
func (lk *locker) fetch(ctx context.Context, u string, headers []generator.Header, verify bool) (f fetched) {
	body, err := lk.client.get(ctx, u, headers)
	if err != nil {
		f.why = msgFetch(shown(u), err.Error())
	} else if verify {
		f.why = lk.checkSignature(ctx, u, body, headers)
	}
	if f.why.code != "" {
		return f
	}
	if f.list, err = parseSums(body); err != nil {
		f.why = msgBadSums(shown(u), err.Error())
	}
	return f
}

// newest finds the image sysupdate would take as the newest, and its version; ties go to the first name, as in sysupdate.
func newest(list sums, l generator.Lockable) (image, version string) {
	files := make([]string, 0, len(list))
	for f := range list {
		files = append(files, f)
	}
	sort.Strings(files)
	for _, f := range files {
		v, ok := versionIn(f, l)
		if ok && (image == "" || compareVersions(v, version) > 0) {
			image, version = f, v
		}
	}
	return image, version
}

// versionIn matches file against the transfer file's NAME-@v-%a.raw (or NAME-SERIES.@v-%a.raw) as sysupdate's pattern_match does.
func versionIn(file string, l generator.Lockable) (string, bool) {
	prefix, suffix := l.Name.Value+"-", "-"+l.Arch+".raw"
	if series := seriesOf(l); series != "" {
		prefix += series + "."
	}
	rest, ok := strings.CutPrefix(file, prefix)
	if !ok {
		return "", false
	}
	i := strings.Index(rest, suffix)
	if i < 0 || i+len(suffix) != len(rest) || !sysupdateVersion(rest[:i]) {
		return "", false
	}
	v := file[len(l.Name.Value)+1 : len(prefix)+i]
	return v, !strings.Contains(v, "..")
}

// sysupdateVersion is systemd's version_is_valid: what sysupdate's @v accepts.
func sysupdateVersion(v string) bool {
	if v == "" || len(v) > 255 {
		return false
	}
	for i := 0; i < len(v); i++ {
		if !isDigit(v[i]) && !isAlpha(v[i]) && !strings.ContainsRune(".,_-+", rune(v[i])) {
			return false
		}
	}
	return true
}

func pattern(l generator.Lockable) string {
	if series := seriesOf(l); series != "" {
		return l.Name.Value + "-" + series + ".*-" + l.Arch + ".raw"
	}
	return l.Name.Value + "-*-" + l.Arch + ".raw"
}

func seriesOf(l generator.Lockable) string {
	if l.Update == nil {
		return ""
	}
	return l.Update.Series.Value
}

func latestOnly(ch Change) string {
	if ch.Latest {
		return ch.Version
	}
	return ""
}

func headerKey(hs []generator.Header) string {
	parts := make([]string, len(hs))
	for i, h := range hs {
		parts[i] = strings.ToLower(h.Name.Value) + ":" + h.Value.Value
	}
	sort.Strings(parts)
	return strings.Join(parts, "\n")
}

func sameOriginURL(a, b string) bool {
	ua, errA := url.Parse(a)
	ub, errB := url.Parse(b)
	return errA == nil && errB == nil && sameOrigin(ua, ub)
}

// errorsOnly keeps the spec's errors; its warnings are gen's to report, and some are what lock fixes.
func errorsOnly(rep generator.Report) generator.Report {
	var out generator.Report
	for _, d := range rep {
		if d.Severity == generator.Error {
			out = append(out, d)
		}
	}
	return out
}
