package generator

import (
	"bytes"
	"encoding/json"
	"fmt"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	butane "github.com/coreos/ignition/v2/butane/config"
	"github.com/coreos/ignition/v2/butane/config/common"
	v3_3 "github.com/coreos/ignition/v2/config/v3_3"
	v3_4 "github.com/coreos/ignition/v2/config/v3_4"
	"github.com/coreos/vcontext/report"
	"github.com/rogpeppe/go-internal/txtar"
)

// hangLimit is a watchdog, not a benchmark: Generate on a bounded input takes milliseconds, so this only trips on a hang.
const hangLimit = 20 * time.Second

// FuzzGenerate checks the promises gen makes for any input: no panic or hang, valid and deterministic output
// that Butane agrees with and that writes only where sysext-ign may write and never under /tmp, or positioned diagnostics.
func FuzzGenerate(f *testing.F) {
	for _, src := range seedSpecs(f) {
		f.Add(src)
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		res, rep := generateWatched(t, src)
		again, rep2 := generateWatched(t, src)
		if !sameResult(res, again) || fmt.Sprint(rep) != fmt.Sprint(rep2) {
			t.Fatalf("two runs differ:\n%s\n---\n%s", rep, rep2)
		}
		checkDiagnostics(t, src, rep)
		if rep.HasErrors() {
			if res != nil && res.Ignition != nil {
				t.Fatalf("Ignition produced despite errors:\n%s", rep)
			}
			return
		}
		checkIgnition(t, res.Ignition)
		checkButaneAgrees(t, res)
		checkPaths(t, res.Ignition, updateDirs(src))
		if uses := tmpUses(t, res.Ignition); len(uses) > 0 {
			t.Fatalf("output mentions /tmp in %q", uses)
		}
	})
}

// seedSpecs gathers every fixture spec and every YAML file of the CLI's bad-input corpus, plus byte-level cases a txtar cannot hold.
func seedSpecs(t testing.TB) [][]byte {
	var seeds [][]byte
	for _, dir := range fixtureDirs(t) {
		seeds = append(seeds, readFile(t, filepath.Join(dir, "spec.yaml")))
	}
	archives, err := filepath.Glob("../cmd/sysext-ign/testdata/*.txtar")
	if err != nil || len(archives) == 0 {
		t.Fatalf("no CLI corpus found: %v", err)
	}
	for _, name := range archives {
		for _, file := range txtar.Parse(readFile(t, name)).Files {
			if strings.HasSuffix(file.Name, ".yaml") {
				seeds = append(seeds, file.Data)
			}
		}
	}
	for _, s := range []string{
		"\xef\xbb\xbf" + ok,
		strings.ReplaceAll(ok, "\n", "\r\n"),
		strings.ReplaceAll(ok, "\n", "\r"),
		"extensions:\n  - name: a\x00\n    version: '1'\n",
		"extensions:\n  - name: a\xff\n    version: '1'\n",
		"a: &a [x, x]\nb: &b [*a, *a]\nc: [*b, *b]\n",
	} {
		seeds = append(seeds, []byte(s))
	}
	return seeds
}

// generateWatched runs Generate with debug output on, failing instead of hanging forever.
func generateWatched(t *testing.T, src []byte) (*Result, Report) {
	t.Helper()
	o := watched(t, fmt.Sprintf("Generate on a %d-byte input", len(src)), func() outcome {
		res, rep := Generate("spec.yaml", src, Options{Debug: true, Butane: true})
		return outcome{res, rep}
	})
	return o.res, o.rep
}

// outcome is what Generate returned.
type outcome struct {
	res *Result
	rep Report
}

// watched runs f, failing instead of hanging when it gives no result within hangLimit.
func watched[T any](t *testing.T, what string, f func() T) T {
	t.Helper()
	done := make(chan T, 1)
	go func() { done <- f() }()
	select {
	case v := <-done:
		return v
	case <-time.After(hangLimit):
		t.Fatalf("%s gave no result within %v", what, hangLimit)
		var zero T
		return zero
	}
}

func sameResult(a, b *Result) bool {
	if a == nil || b == nil {
		return a == b
	}
	return bytes.Equal(a.Butane, b.Butane) && bytes.Equal(a.Ignition, b.Ignition) && bytes.Equal(a.Debug, b.Debug)
}

// checkDiagnostics holds every diagnostic to the CLI's contract: one line, ours, and positioned inside the input.
func checkDiagnostics(t *testing.T, src []byte, rep Report) {
	t.Helper()
	lines := lineCount(src)
	for _, d := range rep {
		switch {
		case strings.Contains(d.Message, "internal error"):
			t.Errorf("checks let through a spec that Butane or Ignition rejects: %s", d)
		case d.File != "spec.yaml":
			t.Errorf("diagnostic names %q, not the spec: %s", d.File, d)
		case strings.ContainsAny(d.String(), "\r\n") || d.Message == "":
			t.Errorf("diagnostic is empty or spans lines: %q", d.String())
		case d.Line == 0 && d.Col != 0:
			t.Errorf("whole-file diagnostic has a column: %s", d)
		case d.Line < 0 || d.Line > lines || d.Col < 0:
			t.Errorf("diagnostic at %d:%d lies outside the %d-line input: %s", d.Line, d.Col, lines, d)
		}
	}
}

// lineCount counts lines as YAML does: \r\n, \r, \n, NEL, LS and PS each end one.
func lineCount(src []byte) int {
	n := 1
	s := string(src)
	for i, r := range s {
		switch r {
		case '\r':
			if !strings.HasPrefix(s[i+1:], "\n") {
				n++
			}
		case '\n', '\u0085', '\u2028', '\u2029':
			n++
		}
	}
	return n
}

// checkIgnition parses the output with the versioned parser it declares, which must report nothing at all.
func checkIgnition(t *testing.T, ign []byte) {
	t.Helper()
	var head struct {
		Ignition struct{ Version string }
	}
	if err := json.Unmarshal(ign, &head); err != nil {
		t.Fatalf("output is not JSON: %v\n%s", err, ign)
	}
	var (
		r   report.Report
		err error
	)
	switch head.Ignition.Version {
	case "3.3.0":
		_, r, err = v3_3.Parse(ign)
	case "3.4.0":
		_, r, err = v3_4.Parse(ign)
	default:
		t.Fatalf("unexpected Ignition version %q", head.Ignition.Version)
	}
	if err != nil || len(r.Entries) > 0 {
		t.Fatalf("Ignition %s rejects the output: %v\n%s\n%s", head.Ignition.Version, err, r, ign)
	}
}

// checkButaneAgrees runs our Butane through the butane library, strict, and expects our exact Ignition.
func checkButaneAgrees(t *testing.T, res *Result) {
	t.Helper()
	want, r, err := butane.TranslateBytes(res.Butane, common.TranslateBytesOptions{})
	if err != nil || len(r.Entries) > 0 {
		t.Fatalf("butane rejects our Butane: %v\n%s\n%s", err, r, res.Butane)
	}
	if want = append(want, '\n'); !bytes.Equal(want, res.Ignition) {
		t.Fatalf("butane gives\n%s\nwe give\n%s", want, res.Ignition)
	}
}

var (
	allowedRoots  = []string{"/etc/extensions/", "/opt/extensions/", "/etc/sysupdate.d/", "/etc/systemd/", "/etc/flatcar/"}
	sysupdateDirs = regexp.MustCompile(`^/etc/sysupdate\.[^/]+\.d/`)
)

// checkPaths finds every "path" in the Ignition JSON and requires it to be clean and under a directory sysext-ign owns,
// or to be a directory the spec names as a local update source.
func checkPaths(t *testing.T, ign []byte, dirs []string) {
	t.Helper()
	var doc struct {
		Storage struct{ Directories []struct{ Path string } }
	}
	var all any
	if json.Unmarshal(ign, &doc) != nil || json.Unmarshal(ign, &all) != nil {
		t.Fatal("output is not JSON")
	}
	made := map[string]bool{}
	for _, d := range doc.Storage.Directories {
		made[d.Path] = slices.Contains(dirs, d.Path)
	}
	for _, p := range pathsIn(all) {
		if path.Clean(p) != p || !pathAllowed(p) && !made[p] {
			t.Errorf("output writes %q, outside the directories sysext-ign may write", p)
		}
	}
}

// updateDirs decodes the local update sources a spec names, the only directories it may create outside sysext-ign's own.
func updateDirs(src []byte) []string {
	var dirs []string
	for _, e := range decodeSpec(&reporter{}, src).Extensions {
		if e.Update != nil && localSource(e.Update.Source.Value) {
			dirs = append(dirs, strings.TrimSuffix(e.Update.Source.Value, "/"))
		}
	}
	return dirs
}

func pathsIn(v any) []string {
	var out []string
	switch v := v.(type) {
	case map[string]any:
		for k, child := range v {
			if s, ok := child.(string); ok && k == "path" {
				out = append(out, s)
			}
			out = append(out, pathsIn(child)...)
		}
	case []any:
		for _, child := range v {
			out = append(out, pathsIn(child)...)
		}
	}
	return out
}

func pathAllowed(p string) bool {
	for _, root := range allowedRoots {
		if strings.HasPrefix(p, root) {
			return true
		}
	}
	return sysupdateDirs.MatchString(p)
}

// TestPathAllowed proves the path-safety check can fail.
func TestPathAllowed(t *testing.T) {
	for p, want := range map[string]bool{
		"/etc/extensions/a.raw":               true,
		"/etc/sysupdate.docker.d/docker.conf": true,
		"/etc/systemd/system-generators/x":    true,
		"/etc/shadow":                         false,
		"/etc/extensions":                     false,
		"/etc/sysupdate.d.evil/x":             false,
	} {
		if pathAllowed(p) != want {
			t.Errorf("pathAllowed(%q) = %v, want %v", p, !want, want)
		}
	}
	if got := pathsIn(map[string]any{"storage": map[string]any{"files": []any{map[string]any{"path": "/x"}}}}); len(got) != 1 || got[0] != "/x" {
		t.Errorf("pathsIn found %q, want [/x]", got)
	}
}
