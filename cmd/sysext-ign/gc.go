package main

import (
	"os"
	"runtime/debug"
)

// The heap may grow to five times what is live, but past gcLimit the collector runs as often as it must.
const (
	gcPercent = 400
	// gcLimit sits above what the largest spec within the limits keeps live, so the collector does not thrash there,
	// and below the 256 MiB the worst case may use.
	gcLimit = 192 << 20
)

// init applies the GC settings before anything allocates, so main stays a bare call to run.
func init() { tuneGC() }

// tuneGC trades memory for time in a process that lives for milliseconds, since nearly all a run allocates is
// short-lived translation garbage, which Go's default pace collects many times over before exit.
func tuneGC() {
	// GOGC or GOMEMLIMIT, if set, win.
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(gcPercent)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(gcLimit)
	}
}
