// Package golden is the -update flag that every test package accepts, so the documented
// `go test ./... -update` runs everywhere, and the check that compares output with its checked-in copy.
package golden

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files and generated docs from the code")

// Update tells whether this run rewrites checked-in copies instead of comparing with them.
func Update() bool { return *update }

// Check compares got with the file at path, or writes got there under -update.
func Check(t testing.TB, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v; run go test ./... -update to write it", err)
	}
	if !bytes.Equal(want, got) {
		t.Errorf("%s is stale; run go test ./... -update and review the diff\n%s", path, firstDifference(string(want), string(got)))
	}
}

// firstDifference shows the first line where two texts part, which is enough to see what changed.
func firstDifference(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	i := 0
	for i < len(w) && i < len(g) && w[i] == g[i] {
		i++
	}
	line := func(l []string) string {
		if i < len(l) {
			return l[i]
		}
		return "(end of file)"
	}
	return fmt.Sprintf("line %d:\n--- checked in\n%s\n--- from the code\n%s", i+1, line(w), line(g))
}
