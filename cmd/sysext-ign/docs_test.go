package main

import (
	"os"
	"strings"
	"testing"

	"github.com/spf13/pflag"
)

// TestReadmeFlags keeps the README's command-line section in step with the flags the code declares.
func TestReadmeFlags(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	fs := (&genFlags{}).flags()
	fs.VisitAll(func(f *pflag.Flag) {
		if f.Name == "help" {
			return
		}
		if !strings.Contains(string(readme), "--"+f.Name) {
			t.Errorf("README does not document gen --%s", f.Name)
		}
		if !strings.Contains(string(readme), f.Usage) && f.Shorthand == "" {
			t.Errorf("README describes gen --%s differently from --help (%q)", f.Name, f.Usage)
		}
	})
}
