package main

import (
	"math"
	"runtime/debug"
	"testing"
)

func TestTuneGC(t *testing.T) {
	percent, limit := debug.SetGCPercent(100), debug.SetMemoryLimit(math.MaxInt64)
	t.Cleanup(func() { debug.SetGCPercent(percent); debug.SetMemoryLimit(limit) })

	t.Setenv("GOGC", "")
	t.Setenv("GOMEMLIMIT", "")
	tuneGC()
	if p, l := debug.SetGCPercent(100), debug.SetMemoryLimit(math.MaxInt64); p != 400 || l != 96<<20 {
		t.Errorf("without GOGC and GOMEMLIMIT: GC percent %d, limit %d; want 400 and 96 MiB", p, l)
	}

	// The runtime has applied the user's settings at start-up; tuneGC must leave them.
	t.Setenv("GOGC", "50")
	t.Setenv("GOMEMLIMIT", "1GiB")
	debug.SetGCPercent(50)
	debug.SetMemoryLimit(1 << 30)
	tuneGC()
	if p, l := debug.SetGCPercent(100), debug.SetMemoryLimit(math.MaxInt64); p != 50 || l != 1<<30 {
		t.Errorf("with GOGC=50 GOMEMLIMIT=1GiB: GC percent %d, limit %d; want them kept", p, l)
	}
}
