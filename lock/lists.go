package lock

import (
	"bytes"
	"context"
	"net/url"
	"sort"
	"strconv"
	"strings"

	"github.com/sysext-ign/sysext-ign/generator"
)

// rules are how a list is read: as the node's systemd-sysupdate reads it, or as lock alone does.
type rules struct {
	headers   []generator.Header // sent with it: the image's own, for a list only lock reads
	sysupdate bool               // the node's systemd-sysupdate reads it, so lock reads it as sysupdate does
	verify    bool               // its signature is checked against update_keyring
}

// key names a URL read by one set of rules, so each is fetched once per run.
func (r rules) key(u string) string {
	return strings.Join([]string{u, headerKey(r.headers), strconv.FormatBool(r.sysupdate), strconv.FormatBool(r.verify)}, "\x00")
}

// sumsRules are how l's hash is read: as sysupdate reads the list when it is l's update list, else as lock alone
// reads it, with the image's headers on the image's own server.
func sumsRules(l generator.Lockable) rules {
	switch {
	case l.SumsURL == l.ListURL:
		return updateRules(l)
	case sameOriginURL(l.ImageURL, l.SumsURL):
		return rules{headers: l.Headers}
	}
	return rules{}
}

// updateRules are how the node's systemd-sysupdate reads l's update list: no headers, the system's CAs, and its
// signature with verify.
func updateRules(l generator.Lockable) rules { return rules{sysupdate: true, verify: verifies(l)} }

// list is one checksum list a run reads, and what its extensions need of it.
type list struct {
	rules
	url   string
	wants []generator.Lockable
	sums  sums    // only the lines wants need, so memory does not grow with what a server sends
	why   problem // why it could not be had
}

// listAt is the run's list at u read by r, added on first use.
func (lk *locker) listAt(u string, r rules) *list {
	key := r.key(u)
	if lk.lists[key] == nil {
		lk.lists[key] = &list{rules: r, url: u}
	}
	return lk.lists[key]
}

// readsSums tells whether the run reads l's list, which it needs to pin l, or with --check to prove its pin too.
func (lk *locker) readsSums(l generator.Lockable) bool {
	latest := l.Version.Value == generator.Latest
	// There is none for an image with its own source and no update.source, and none is read for latest with its own source.
	return l.SumsURL != "" && !(latest && l.Source.IsSet()) && (lk.check || !l.Hash.IsSet())
}

// readLists fetches every list the run needs, a few at a time: the lists it pins from, and with --check every
// update list the node's sysupdate reads.
func (lk *locker) readLists(ctx context.Context, exts []generator.Lockable) {
	for _, l := range exts {
		if lk.readsSums(l) {
			li := lk.listAt(l.SumsURL, sumsRules(l))
			li.wants = append(li.wants, l)
		}
		if lk.check && l.ListURL != "" {
			lk.listAt(l.ListURL, updateRules(l))
		}
	}
	var jobs []func()
	for _, li := range lk.lists {
		jobs = append(jobs, func() { lk.fetch(ctx, li) })
	}
	inParallel(jobs)
}

// fetch reads one list, with verify trusts it only once its signature checks out, and keeps only what its
// extensions need; the body is dropped when it returns, so at most parallel lists are held at once.
func (lk *locker) fetch(ctx context.Context, li *list) {
	c := lk.ignition
	if li.sysupdate {
		c = lk.client
	}
	body, err := c.get(ctx, li.url, li.headers)
	if err != nil {
		li.why = msgFetchList(shown(li.url), err.Error(), li.sysupdate)
		return
	}
	if li.verify {
		if li.why = lk.checkSignature(ctx, li.url, body, li.headers); li.why.code != "" {
			return
		}
	}
	if li.sums, err = reduce(body, li.wants); err != nil {
		li.why = msgBadSums(shown(li.url), err.Error())
	}
}

// reduce keeps of a list only the lines its extensions need: each pinned image's, and for version: latest the
// newest image, found as newest finds it.
func reduce(body []byte, wants []generator.Lockable) (sums, error) {
	out := sums{}
	images := map[string]bool{}
	var latest []generator.Lockable
	for _, l := range wants {
		if l.Version.Value == generator.Latest {
			latest = append(latest, l)
		} else {
			images[l.Image] = true
		}
	}
	type best struct{ file, version, digest string }
	bests := make([]best, len(latest))
	err := eachSum(body, func(file, digest []byte) {
		if images[string(file)] {
			out[string(file)] = lowerHex(digest)
		}
		for i, l := range latest {
			if !bytes.HasPrefix(file, []byte(l.Name.Value+"-")) {
				continue
			}
			b, name := &bests[i], string(file)
			if v, ok := versionIn(name, l); ok && (b.file == "" || newer(name, v, b.file, b.version)) {
				*b = best{name, v, lowerHex(digest)}
			}
		}
	})
	for _, b := range bests {
		if b.file != "" {
			out[b.file] = b.digest
		}
	}
	return out, err
}

// pin decides what one extension needs and finds its hash; ok is false when nothing is to be written.
func (lk *locker) pin(l generator.Lockable) (ch Change, ok bool) {
	latest := l.Version.Value == generator.Latest
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
	return lk.fromList(l)
}

// checkPin proves one extension is pinned to an image its list still has, for --check.
func (lk *locker) checkPin(l generator.Lockable) {
	if u := lk.lists[updateRules(l).key(l.ListURL)]; l.ListURL != l.SumsURL && u != nil && u.why.code != "" {
		lk.add(l.Pos, u.why)
	}
	latest := l.Version.Value == generator.Latest
	switch {
	case latest && l.Hash.IsSet():
		lk.add(l.Hash.Pos, msgHashWithLatest)
		return
	case latest && l.Source.IsSet():
		lk.add(l.Version.Pos, msgLatestOwnSource)
		return
	case l.SumsURL == "" && !l.Hash.IsSet():
		lk.add(l.Pos, msgNotPinnedByHand)
		return
	case l.SumsURL == "":
		return
	}
	ch, ok := lk.fromList(l)
	switch {
	case latest:
		lk.add(l.Version.Pos, msgNotPinnedLatest)
	case !l.Hash.IsSet():
		lk.add(l.Pos, msgNotPinned)
	case ok && strings.HasPrefix(l.Hash.Value, "sha256-") && !strings.EqualFold(l.Hash.Value, ch.Hash):
		lk.add(l.Hash.Pos, msgHashNotListed(shown(l.SumsURL), l.Image, ch.Hash))
	}
}

// fromList finds l's image in its list, resolving version: latest; ok is false after reporting why it cannot.
func (lk *locker) fromList(l generator.Lockable) (ch Change, ok bool) {
	li := lk.lists[sumsRules(l).key(l.SumsURL)]
	if li.why.code != "" {
		lk.add(l.Pos, li.why)
		return ch, false
	}
	latest := l.Version.Value == generator.Latest
	ch = Change{Name: l.Name.Value, Latest: latest, Version: l.Version.Value}
	image := l.Image
	if latest {
		image, ch.Version = newest(li.sums, l)
		if image == "" {
			lk.add(l.Version.Pos, msgNoMatch(pattern(l), shown(l.SumsURL)))
			return ch, false
		}
	}
	sum, found := li.sums[image]
	if !found {
		lk.add(l.Version.Pos, msgNoLine(image, shown(l.SumsURL)))
		return ch, false
	}
	ch.Hash = "sha256-" + sum
	return ch, true
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
		if ok && (image == "" || newer(f, v, image, version)) {
			image, version = f, v
		}
	}
	return image, version
}

// newer tells whether file, of version v, wins over best: a newer version, or the same one under a name that sorts first.
func newer(file, v, best, bestVersion string) bool {
	c := compareVersions(v, bestVersion)
	return c > 0 || c == 0 && file < best
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
