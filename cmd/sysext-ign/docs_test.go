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
	for _, fs := range []*pflag.FlagSet{(&genFlags{}).flags(), (&lockFlags{}).flags()} {
		fs.VisitAll(func(f *pflag.Flag) {
			if f.Name == "help" {
				return
			}
			if !strings.Contains(string(readme), "--"+f.Name) {
				t.Errorf("README does not document %s --%s", fs.Name(), f.Name)
			}
			if !strings.Contains(string(readme), f.Usage) && f.Shorthand == "" {
				t.Errorf("README describes %s --%s differently from --help (%q)", fs.Name(), f.Name, f.Usage)
			}
		})
	}
	if !strings.Contains(string(readme), "sysext-ign lock [flags] SPEC") {
		t.Error("README's command-line section does not show sysext-ign lock")
	}
}
