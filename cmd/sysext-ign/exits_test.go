package main

import (
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"
)

// loose matches a script line that runs a program while accepting any failure (! exec) or any result (? exec).
var loose = regexp.MustCompile(`^(?:\[[^\]]*\]\s*)*[!?]\s*exec\s+(\S+)`)

// TestScriptsAssertExitCodes makes every script that expects our programs to fail name the exact code with exits,
// since ! exec would pass whatever the exit code contract says.
func TestScriptsAssertExitCodes(t *testing.T) {
	files, err := filepath.Glob("testdata/*.txtar")
	if err != nil || len(files) == 0 {
		t.Fatalf("no scripts found: %v", err)
	}
	for _, file := range files {
		archive, err := txtar.ParseFile(file)
		if err != nil {
			t.Fatal(err)
		}
		for i, line := range strings.Split(string(archive.Comment), "\n") {
			if m := loose.FindStringSubmatch(strings.TrimSpace(line)); m != nil && programs[m[1]] != nil {
				t.Errorf("%s:%d: %q accepts any exit code; use exits CODE %s", file, i+1, line, m[1])
			}
		}
	}
}
