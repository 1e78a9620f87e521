package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// TestReplaceRefusesChangedFile shows lock never overwrites edits made while it was fetching.
func TestReplaceRefusesChangedFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "spec.yaml")
	if err := os.WriteFile(path, []byte("edited meanwhile\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	var stderr bytes.Buffer
	e := &env{stderr: &stderr}
	if code := e.replace(path, []byte("as read\n"), []byte("locked\n")); code != exitInvalid {
		t.Errorf("exit code %d, want %d", code, exitInvalid)
	}
	if got, _ := os.ReadFile(path); string(got) != "edited meanwhile\n" {
		t.Errorf("file now holds %q", got)
	}
	if want := path + ": error: the file changed while lock was fetching; nothing written, run lock again\n"; stderr.String() != want {
		t.Errorf("stderr %q, want %q", stderr.String(), want)
	}
}
