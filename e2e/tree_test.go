package e2e

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"
)

// resolve follows every symlink in p inside root the way the booted machine
// would, since the links Ignition and sysupdate write hold absolute paths of
// the target system; it returns the final path as seen from inside root.
func resolve(root, p string) (string, error) {
	todo := strings.Split(strings.Trim(p, "/"), "/")
	cur := "/"
	for hops := 0; len(todo) > 0; {
		comp := todo[0]
		todo = todo[1:]
		switch comp {
		case "", ".":
			continue
		case "..":
			cur = path.Dir(cur)
			continue
		}
		next := path.Join(cur, comp)
		fi, err := os.Lstat(filepath.Join(root, next))
		if err != nil {
			return "", err
		}
		if fi.Mode()&os.ModeSymlink == 0 {
			cur = next
			continue
		}
		if hops++; hops > 40 {
			return "", fmt.Errorf("%s: too many levels of symbolic links", p)
		}
		target, err := os.Readlink(filepath.Join(root, next))
		if err != nil {
			return "", err
		}
		if path.IsAbs(target) {
			cur = "/"
		}
		todo = append(strings.Split(strings.Trim(target, "/"), "/"), todo...)
	}
	return cur, nil
}

// wantFile checks that p is a regular file (not a link) with content and,
// unless mode is 0, that mode.
func wantFile(t *testing.T, root, p string, content []byte, mode os.FileMode) {
	t.Helper()
	fi, err := os.Lstat(filepath.Join(root, p))
	if err != nil {
		t.Errorf("%s: %v", p, err)
		return
	}
	if !fi.Mode().IsRegular() {
		t.Errorf("%s: want a regular file, got mode %v", p, fi.Mode())
		return
	}
	if mode != 0 && fi.Mode().Perm() != mode {
		t.Errorf("%s: mode %04o, want %04o", p, fi.Mode().Perm(), mode)
	}
	got, _ := os.ReadFile(filepath.Join(root, p))
	if !bytes.Equal(got, content) {
		t.Errorf("%s: content %q, want %q", p, clip(string(got)), clip(string(content)))
	}
}

// wantLink checks that p is a symlink whose target is exactly target.
func wantLink(t *testing.T, root, p, target string) {
	t.Helper()
	got, err := os.Readlink(filepath.Join(root, p))
	if err != nil {
		t.Errorf("%s: want a symlink to %s: %v", p, target, err)
		return
	}
	if got != target {
		t.Errorf("%s: links to %s, want %s", p, got, target)
	}
}

// wantDir checks that p is a real directory.
func wantDir(t *testing.T, root, p string) {
	t.Helper()
	fi, err := os.Lstat(filepath.Join(root, p))
	if err != nil || !fi.IsDir() {
		t.Errorf("%s: want a directory (err %v)", p, err)
	}
}

// wantAbsent checks that nothing exists at p.
func wantAbsent(t *testing.T, root, p string) {
	t.Helper()
	if _, err := os.Lstat(filepath.Join(root, p)); err == nil {
		t.Errorf("%s: should not exist", p)
	}
}

// wantResolves checks that p ends, through every link inside root, at a
// regular file named final with content.
func wantResolves(t *testing.T, root, p, final string, content []byte) {
	t.Helper()
	got, err := resolve(root, p)
	if err != nil {
		t.Errorf("%s: %v", p, err)
		return
	}
	if got != final {
		t.Errorf("%s resolves to %s, want %s", p, got, final)
	}
	wantFile(t, root, got, content, 0o644)
}

// readFile returns p's content, failing the test when it is missing.
func readFile(t *testing.T, root, p string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(root, p))
	if err != nil {
		t.Errorf("%s: %v", p, err)
	}
	return string(b)
}

// ini is a systemd-style unit or transfer file: section → key → values.
type ini map[string]map[string][]string

// parseINI reads systemd's key=value format, keeping repeated keys in order.
func parseINI(s string) ini {
	out := ini{}
	sec := ""
	sc := bufio.NewScanner(strings.NewReader(s))
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		switch {
		case line == "" || line[0] == '#' || line[0] == ';':
		case line[0] == '[' && line[len(line)-1] == ']':
			sec = line[1 : len(line)-1]
			if out[sec] == nil {
				out[sec] = map[string][]string{}
			}
		default:
			k, v, _ := strings.Cut(line, "=")
			if out[sec] == nil {
				out[sec] = map[string][]string{}
			}
			out[sec][strings.TrimSpace(k)] = append(out[sec][strings.TrimSpace(k)], strings.TrimSpace(v))
		}
	}
	return out
}

// wantINI checks that file p has every listed section.key=value, so that
// sysupdate and systemd see the settings the spec asks for.
func wantINI(t *testing.T, root, p string, want map[string]map[string]string) {
	t.Helper()
	got := parseINI(readFile(t, root, p))
	for sec, kv := range want {
		for k, v := range kv {
			vals := got[sec][k]
			if len(vals) != 1 || vals[0] != v {
				t.Errorf("%s: [%s] %s = %q, want %q", p, sec, k, vals, v)
			}
		}
	}
}
