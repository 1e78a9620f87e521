// Package lock pins a spec's extensions to exact images: it reads each image's SHA256SUMS and writes
// hash: (and, for version: latest, the newest version) back into the spec without disturbing the rest.
// It also proves that every URL the node will fetch answers, as the program that fetches it will ask.
//
// It is the only part of sysext-ign that touches the network; gen never does.
package lock

import (
	"context"
	"fmt"
	"sort"
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

// Lock pins every extension of the spec in src that has no hash, so that Ignition verifies each image it downloads,
// and proves every URL the node will fetch answers; any error means no Result at all.
func Lock(file string, src []byte, c *Client, readFile func(string) ([]byte, error)) (*Result, generator.Report) {
	opts := generator.Options{ReadFile: readFile} // readFile reads the spec's ca: and include: files, as for gen
	plan, rep := generator.Lockables(file, src, opts)
	if rep.HasErrors() {
		return nil, errorsOnly(rep) // the spec's errors, as gen would reject it
	}
	lk := newLocker(file, plan, c, false)
	ctx, cancel := lk.deadline()
	defer cancel()
	lk.readLists(ctx, plan.Extensions)
	res := &Result{}
	var edits []edit
	for i, l := range plan.Extensions {
		before := len(lk.report)
		if ch, ok := lk.pin(l); ok {
			edits = append(edits, edit{ext: i, version: latestOnly(ch), hash: ch.Hash})
			res.Changes = append(res.Changes, ch)
		}
		lk.noteFailure(l, before)
	}
	final := plan
	if !lk.report.HasErrors() && len(edits) > 0 {
		if out, locked := lk.write(src, edits, res.Changes, opts); locked != nil {
			res.Spec, final = out, locked
		}
	}
	lk.probeAll(ctx, final.Extensions, plan.Extensions)
	rep = lk.done(plan) // lock's own errors and warnings
	if rep.HasErrors() {
		return nil, rep
	}
	return res, rep
}

// Check runs every check of Lock on the spec in src and writes nothing, so that CI can prove a spec is pinned; it
// passes when the report has no errors.
func Check(file string, src []byte, c *Client, readFile func(string) ([]byte, error)) generator.Report {
	plan, rep := generator.Lockables(file, src, generator.Options{ReadFile: readFile})
	if rep.HasErrors() {
		return errorsOnly(rep)
	}
	// Unlike Lock, it also re-reads the lists of extensions that have a hash, to prove the pinned hash is still
	// listed, and reports every extension that is not pinned.
	lk := newLocker(file, plan, c, true)
	ctx, cancel := lk.deadline()
	defer cancel()
	lk.readLists(ctx, plan.Extensions)
	for _, l := range plan.Extensions {
		before := len(lk.report)
		lk.checkPin(l)
		lk.noteFailure(l, before)
	}
	lk.probeAll(ctx, plan.Extensions, plan.Extensions)
	return lk.done(plan)
}

// locker is one run of lock.
type locker struct {
	file  string
	check bool // lock --check: read every list, pin nothing
	// client fetches lists and signatures as the node's systemd-sysupdate does: no custom headers, and only the
	// CAs of the system, since systemd-pull ignores ca:.
	client *Client
	// ignition fetches images as Ignition does, with the spec's CAs too, and the lists only lock reads.
	ignition *Client
	keyring  openpgp.EntityList     // the keys that signed lists must verify against
	lists    map[string]*list       // by rules.key
	failed   map[generator.Pos]bool // extensions, by position, with an error already, whose URLs are not asked again
	report   generator.Report
}

func newLocker(file string, plan *generator.LockPlan, c *Client, check bool) *locker {
	// An empty keyring verifies nothing.
	lk := &locker{file: file, check: check, client: c, ignition: c, keyring: plan.Keyring, lists: map[string]*list{}, failed: map[generator.Pos]bool{}}
	if len(plan.CA) > 0 {
		lk.ignition = c.trusting(plan.CA)
	}
	return lk
}

// deadline bounds the whole run, however many lists, probes and tries it needs.
func (lk *locker) deadline() (context.Context, context.CancelFunc) {
	if lk.client.Deadline > 0 {
		return context.WithTimeout(context.Background(), lk.client.Deadline)
	}
	return context.WithCancel(context.Background())
}

func (lk *locker) add(p generator.Pos, pr problem) {
	lk.report = append(lk.report, pr.at(lk.file, p))
}

// noteFailure remembers that l failed if the report gained an error since it held before diagnostics.
func (lk *locker) noteFailure(l generator.Lockable, before int) {
	if lk.report[before:].HasErrors() {
		lk.failed[l.Pos] = true
	}
}

// done gives the report in the spec's order, without what ignore_warnings silences.
func (lk *locker) done(plan *generator.LockPlan) generator.Report {
	rep := lk.report.Silence(plan.Silenced)
	sort.SliceStable(rep, func(i, j int) bool {
		return rep[i].Line < rep[j].Line || rep[i].Line == rep[j].Line && rep[i].Col < rep[j].Col
	})
	return rep
}

// write splices the pins into src and runs gen, unchanged, on the text, so lock never writes a spec gen refuses;
// it gives the text and its plan, or no plan after reporting why nothing can be written.
func (lk *locker) write(src []byte, edits []edit, changes []Change, opts generator.Options) ([]byte, *generator.LockPlan) {
	out, err := splice(src, edits)
	if err != nil {
		lk.add(generator.Pos{}, msgSplice(err.Error(), changes))
		return nil, nil
	}
	plan, rep := generator.Locked(lk.file, out, opts)
	if rep.HasErrors() {
		lk.add(generator.Pos{}, msgPinnedInvalid(errorsOnly(rep)))
		return nil, nil
	}
	return out, plan
}

// inParallel runs every job, at most parallel at once, and waits for them all.
func inParallel(jobs []func()) {
	slots := make(chan struct{}, parallel)
	var wg sync.WaitGroup
	for _, job := range jobs {
		wg.Go(func() {
			slots <- struct{}{}
			defer func() { <-slots }()
			job()
		})
	}
	wg.Wait()
}

func latestOnly(ch Change) string {
	if ch.Latest {
		return ch.Version
	}
	return ""
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
