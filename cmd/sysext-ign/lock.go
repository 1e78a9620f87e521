package main

import (
	"bytes"
	"fmt"
	"time"

	"github.com/spf13/pflag"

	"github.com/sysext-ign/sysext-ign/generator"
	"github.com/sysext-ign/sysext-ign/lock"
)

const lockSynopsis = `Usage: sysext-ign lock [flags] SPEC

Pin each extension of SPEC that has no hash: read the SHA256SUMS beside its
image, resolve version: latest to the newest image there, and write hash: (and
the version) into SPEC in place, keeping comments and formatting. Before it
writes, lock asks every URL the node will fetch whether it answers, as
Ignition and systemd-sysupdate will ask, and runs gen's checks on the text.
Any error leaves SPEC untouched. Only lock uses the network; gen never does.

--dry-run shows what lock would write, after the same checks, and writes
nothing. --check writes nothing either, and is for CI: it also reads the lists
of extensions that already have a hash, to prove each hash is still listed,
and fails unless every extension is pinned and every URL answers. SPEC may be
- (stdin) with --check.
Exit status: 0 ok, 1 invalid input, a failed download or (with --check) a
spec not fully pinned, 2 usage error.
`

type lockFlags struct {
	dryRun  bool
	check   bool
	timeout time.Duration
}

// flags declares lock's flags; the test of the README's command-line block reads them from here too.
func (f *lockFlags) flags() *pflag.FlagSet {
	fs := newFlags("lock")
	fs.BoolVar(&f.dryRun, "dry-run", false, "print what would change and write nothing")
	fs.BoolVar(&f.check, "check", false, "write nothing; exit 1 unless every extension is pinned and every URL the node fetches answers")
	fs.DurationVar(&f.timeout, "timeout", lock.DefaultDeadline, "give up on the whole run after `DURATION` (such as 90s or 5m)")
	return fs
}

func (e *env) lock(args []string) int {
	var f lockFlags
	fs := f.flags()
	if code := e.parse(fs, lockSynopsis, args); code >= 0 {
		return code
	}
	switch {
	case fs.NArg() != 1:
		return e.usageError(fs, lockSynopsis, "want exactly one SPEC argument")
	case f.check && f.dryRun:
		return e.usageError(fs, lockSynopsis, "--check and --dry-run cannot be combined; --check writes nothing already")
	case isStdin(fs.Arg(0)) && !f.check:
		return e.usageError(fs, lockSynopsis, "lock edits SPEC in place, so SPEC must be a file, not - (lock --check reads stdin)")
	case f.timeout <= 0:
		return e.usageError(fs, lockSynopsis, "--timeout must be a positive duration, such as 90s or 5m")
	}
	path, src, ok := e.readSpec(fs.Arg(0))
	if !ok {
		return exitInvalid
	}
	client := lock.NewClient()
	client.Deadline = f.timeout
	if f.check {
		return e.lockCheck(path, src, client)
	}
	res, rep := lock.Lock(path, src, client, readNamed)
	e.report(rep)
	switch {
	case rep.HasErrors():
		return exitInvalid
	case len(res.Changes) == 0:
		e.note("%s: nothing to lock; every extension lock can pin has a hash", path)
		return exitOK
	case f.dryRun:
		e.changes(res)
		e.note("%s: dry run; nothing written", path)
		return exitOK
	}
	if code := e.replace(path, src, res.Spec); code != exitOK {
		return code
	}
	e.changes(res)
	return exitOK
}

// lockCheck runs lock --check: one line per problem, or one line saying the spec is fully pinned.
func (e *env) lockCheck(path string, src []byte, client *lock.Client) int {
	rep := lock.Check(path, src, client, readNamed)
	e.report(rep)
	if rep.HasErrors() {
		return exitInvalid
	}
	e.note("%s: every extension is pinned, and every URL the node fetches answers", path)
	return exitOK
}

// changes escapes each line as a diagnostic is escaped, since a resolved version is read from a server's list.
func (e *env) changes(res *lock.Result) {
	for _, c := range res.Changes {
		fmt.Fprintln(e.stdout, generator.EscapeText(c.String()))
	}
}

// replace writes the locked spec unless someone changed the file while lock was fetching.
func (e *env) replace(path string, old, locked []byte) int {
	_, now, ok := e.readSpec(path)
	if !ok {
		return exitInvalid
	}
	if !bytes.Equal(now, old) {
		e.note("%s: error: the file changed while lock was fetching; nothing written, run lock again", path)
		return exitInvalid
	}
	if err := writeAtomic(path, locked); err != nil {
		e.note("%s: error: cannot write: %v", path, err)
		return exitInvalid
	}
	return exitOK
}
