package main

import (
	"math"
	"os"
	"regexp"
	"runtime/debug"
	"slices"
	"strconv"
	"testing"
)

func TestTuneGC(t *testing.T) {
	percent, limit := debug.SetGCPercent(100), debug.SetMemoryLimit(math.MaxInt64)
	t.Cleanup(func() { debug.SetGCPercent(percent); debug.SetMemoryLimit(limit) })

	t.Setenv("GOGC", "")
	t.Setenv("GOMEMLIMIT", "")
	tuneGC()
	if p, l := debug.SetGCPercent(100), debug.SetMemoryLimit(math.MaxInt64); p != gcPercent || l != gcLimit {
		t.Errorf("without GOGC and GOMEMLIMIT: GC percent %d, limit %d; want %d and %d", p, l, gcPercent, gcLimit)
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

// docsGC matches docs/development.md's statement of the settings the process runs with.
var docsGC = regexp.MustCompile("runs as if with `GOGC=(\\d+)` and\\s+`GOMEMLIMIT=(\\d+)MiB`: .*\\s+.* soft limit of (\\d+) MiB")

// TestGCDocumented keeps the Performance section of docs/development.md in step with the settings tuneGC applies.
func TestGCDocumented(t *testing.T) {
	percent, limit := debug.SetGCPercent(100), debug.SetMemoryLimit(math.MaxInt64)
	t.Cleanup(func() { debug.SetGCPercent(percent); debug.SetMemoryLimit(limit) })
	t.Setenv("GOGC", "")
	t.Setenv("GOMEMLIMIT", "")
	tuneGC()
	applied := []string{strconv.Itoa(debug.SetGCPercent(100)), strconv.FormatInt(debug.SetMemoryLimit(-1)>>20, 10)}

	page, err := os.ReadFile("../../docs/development.md")
	if err != nil {
		t.Fatal(err)
	}
	m := docsGC.FindStringSubmatch(string(page))
	if m == nil {
		t.Fatalf("docs/development.md's Performance section no longer says which GOGC and GOMEMLIMIT the process runs as if with")
	}
	if said := []string{m[1], m[2], m[3]}; !slices.Equal(said, append(applied, applied[1])) {
		t.Errorf("docs/development.md says GOGC=%s, GOMEMLIMIT=%sMiB and a soft limit of %s MiB; tuneGC applies GOGC=%s and %s MiB",
			m[1], m[2], m[3], applied[0], applied[1])
	}
}
