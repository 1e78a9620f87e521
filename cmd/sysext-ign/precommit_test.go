package main

import (
	"os"
	"regexp"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

type hook struct {
	ID       string `yaml:"id"`
	Entry    string `yaml:"entry"`
	Language string `yaml:"language"`
	Files    string `yaml:"files"`
}

func readHooks(t *testing.T) map[string]hook {
	t.Helper()
	b, err := os.ReadFile("../../.pre-commit-hooks.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var list []hook
	if err := yaml.Unmarshal(b, &list); err != nil {
		t.Fatal(err)
	}
	hooks := map[string]hook{}
	for _, h := range list {
		hooks[h.ID] = h
	}
	return hooks
}

// TestPreCommitHooks checks the hooks pre-commit will run: their entry is our validate command and their languages are as documented.
func TestPreCommitHooks(t *testing.T) {
	hooks := readHooks(t)
	for id, lang := range map[string]string{"sysext-ign-validate": "golang", "sysext-ign-validate-system": "system"} {
		h, ok := hooks[id]
		switch {
		case !ok:
			t.Errorf("no hook %s", id)
		case h.Language != lang || h.Entry != "sysext-ign validate":
			t.Errorf("hook %s: language %q entry %q", id, h.Language, h.Entry)
		}
	}
	if len(hooks) != 2 {
		t.Errorf("want 2 hooks, have %d", len(hooks))
	}
}

// TestPreCommitFiles checks the default files pattern catches specs by the documented convention and no other YAML.
func TestPreCommitFiles(t *testing.T) {
	for id, h := range readHooks(t) {
		re, err := regexp.Compile(h.Files)
		if err != nil {
			t.Fatalf("%s: %v", id, err)
		}
		for path, want := range map[string]bool{
			"sysext.yaml":                  true,
			"sysext.yml":                   true,
			"node1.sysext.yml":             true,
			"dir/web.sysext.yaml":          true,
			"a/b/sysext.yaml":              true,
			".pre-commit-config.yaml":      false,
			".pre-commit-hooks.yaml":       false,
			"values.yaml":                  false,
			"mysysext.yaml":                false,
			"dir/sysext.yaml.bak":          false,
			"sysext.yaml/notes.txt":        false,
			"fixtures/seed/spec.yaml":      false,
			"charts/app/templates/cm.yaml": false,
		} {
			// pre-commit matches with Python's re.search, which finds the pattern anywhere, as Go's MatchString does.
			if got := re.MatchString(path); got != want {
				t.Errorf("%s: files pattern on %q = %v, want %v", id, path, got, want)
			}
		}
	}
}

// TestPreCommitDocumented keeps docs/pre-commit.md showing every hook and quoting its files pattern.
func TestPreCommitDocumented(t *testing.T) {
	page, err := os.ReadFile("../../docs/pre-commit.md")
	if err != nil {
		t.Fatal(err)
	}
	for id, h := range readHooks(t) {
		if !strings.Contains(string(page), "id: "+id) {
			t.Errorf("docs/pre-commit.md does not show hook %s", id)
		}
		if !strings.Contains(string(page), h.Files) {
			t.Errorf("docs/pre-commit.md does not quote hook %s's files pattern %s", id, h.Files)
		}
	}
}
