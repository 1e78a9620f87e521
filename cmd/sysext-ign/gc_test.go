package main

import (
	"fmt"
	"math"
	"os"
	"runtime/debug"
	"strings"
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

// TestReadmeGC keeps the README's Performance section in step with the settings.
func TestReadmeGC(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{fmt.Sprintf("`GOGC=%d`", gcPercent), fmt.Sprintf("`GOMEMLIMIT=%dMiB`", gcLimit>>20)} {
		if !strings.Contains(string(readme), want) {
			t.Errorf("README does not say %q", want)
		}
	}
}
