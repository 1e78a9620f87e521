package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sysext-ign/sysext-ign/generator"
)

// TestIncludePathEscaped shows that an included file whose name holds ESC, a bidi control and a line break is
// named escaped as the FILE of its diagnostics by gen, validate and the terraform mode alike.
func TestIncludePathEscaped(t *testing.T) {
	dir := t.TempDir()
	name := "\x1b[32m\u202ename\r\n.bu"
	include := "variant: flatcar\nversion: 1.0.0\nstorage:\n  files:\n    - path: /etc/b\n      colour: 1\n"
	spec := "disable: [torcx-generator]\ninclude: [\"\\e[32m\\u202ename\\r\\n.bu\"]\n"
	for file, text := range map[string]string{name: include, "spec.yaml": spec} {
		if err := os.WriteFile(filepath.Join(dir, file), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want := filepath.Join(dir, `\x1b[32m\u202ename\r\n.bu`) + ":6:7: warning: unused key colour [butane-warning]\n"
	query, _ := json.Marshal(map[string]string{"spec_file": filepath.Join(dir, "spec.yaml")})
	for _, args := range [][]string{{"gen", filepath.Join(dir, "spec.yaml")}, {"validate", filepath.Join(dir, "spec.yaml")}, {"terraform"}} {
		var stdout, stderr bytes.Buffer
		code := run(args, bytes.NewReader(query), &stdout, &stderr)
		if code != exitOK || stderr.String() != want {
			t.Errorf("%s: exit %d, stderr\n%q\nwant\n%q", args[0], code, stderr.String(), want)
		}
		if line := strings.TrimSuffix(stderr.String(), "\n"); generator.EscapeText(line) != line {
			t.Errorf("%s: stderr holds a control or format character: %q", args[0], line)
		}
	}
}

// TestOutputPathEscaped shows gen names an -o target it cannot write escaped, as it names every file.
func TestOutputPathEscaped(t *testing.T) {
	dir := t.TempDir()
	spec := filepath.Join(dir, "spec.yaml")
	if err := os.WriteFile(spec, []byte("disable: [torcx-generator]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	code := run([]string{"gen", "-o", filepath.Join(dir, "no\x1b[2Jdir", "out.ign"), spec}, nil, &stdout, &stderr)
	want := filepath.Join(dir, `no\x1b[2Jdir`, "out.ign") + ": error: cannot write: no such file or directory\n"
	if code != exitInvalid || stderr.String() != want {
		t.Errorf("exit %d, stderr %q, want %q", code, stderr.String(), want)
	}
}

// TestLockPathEscaped shows lock names its spec escaped on the lines it prints beside diagnostics, and that a
// misspelt flag holding ESC is escaped in the usage error.
func TestLockPathEscaped(t *testing.T) {
	dir := t.TempDir()
	spec := filepath.Join(dir, "sp\x1b[2Jec.yaml")
	if err := os.WriteFile(spec, []byte("disable: [torcx-generator]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"lock", spec}, exitOK, filepath.Join(dir, `sp\x1b[2Jec.yaml`) + ": nothing to lock"},
		{[]string{"lock", "--check", spec}, exitOK, filepath.Join(dir, `sp\x1b[2Jec.yaml`) + ": every extension is pinned"},
		{[]string{"lock", "--\x1b[2Jx", spec}, exitUsage, `unknown flag: --\x1b[2Jx`},
	} {
		var stdout, stderr bytes.Buffer
		code := run(c.args, nil, &stdout, &stderr)
		if code != c.code || !strings.Contains(stderr.String(), c.want) || strings.Contains(stderr.String(), "\x1b") {
			t.Errorf("%q: exit %d, stderr %q, want exit %d and %q with no raw ESC", c.args, code, stderr.String(), c.code, c.want)
		}
	}
}
