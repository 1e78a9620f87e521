package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// initLine is one package's line of GODEBUG=inittrace=1: Go prints one for each package that runs code before main.
var initLine = regexp.MustCompile(`(?m)^init (\S+) @\S+ ms, \S+ ms clock, (\d+) bytes, (\d+) allocs$`)

// TestNoStartupWork proves that no package of this repository runs code before main but for the GC settings, which
// allocate nothing, since every command, even version, would pay for tables, templates and regular expressions built
// at start-up rather than kept as static data or built on first use.
func TestNoStartupWork(t *testing.T) {
	// The real binary, as a test binary has tests' own start-up work.
	bin := filepath.Join(t.TempDir(), "sysext-ign")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	cmd := exec.Command(bin, "version")
	cmd.Env = append(os.Environ(), "GODEBUG=inittrace=1")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("sysext-ign version: %v\n%s", err, stderr.String())
	}
	lines := initLine.FindAllStringSubmatch(stderr.String(), -1)
	if len(lines) < 10 {
		t.Fatalf("found %d init lines; GODEBUG=inittrace=1 no longer prints what this test reads:\n%s", len(lines), stderr.String())
	}
	for _, m := range lines {
		pkg, bytes, allocs := m[1], m[2], m[3]
		switch {
		case strings.HasPrefix(pkg, modulePath):
			t.Errorf("package %s runs code at start-up (%s bytes, %s allocs); build its values on first use (internal/lazy) or make them static data", pkg, bytes, allocs)
		case pkg == "main" && (bytes != "0" || allocs != "0"):
			t.Errorf("package main allocates at start-up (%s bytes, %s allocs); only the GC settings may run before main", bytes, allocs)
		}
	}
}
