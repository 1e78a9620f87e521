package generator

import (
	"errors"
	"runtime"
	"strings"
	"testing"

	"github.com/coreos/vcontext/path"
	"github.com/coreos/vcontext/report"
)

// TestRobustRules covers the findings of the fuzzers and the bad-input review.
func TestRobustRules(t *testing.T) {
	tests := []struct {
		name, spec string
		want       []string
	}{
		{"version percent", "extensions:\n  - name: a\n    version: 1%zz\n",
			[]string{`s.yaml:3:14: error: version must not contain '%', '?' or '#'; they would change the URL the image is downloaded from`}},
		{"version fragment", "extensions:\n  - name: a\n    version: '1#x'\n",
			[]string{`s.yaml:3:14: error: version must not contain '%', '?' or '#'; they would change the URL the image is downloaded from`}},
		{"version query", "extensions:\n  - name: a\n    version: 1?x\n",
			[]string{`s.yaml:3:14: error: version must not contain '%', '?' or '#'; they would change the URL the image is downloaded from`}},
		{"bakery_url query", "bakery_url: https://h/x?t=1\n" + ok,
			[]string{`s.yaml:1:13: error: bakery_url "https://h/x?t=1" must not have a query or fragment ('?' or '#'); file names are appended to its path`}},
		{"bakery_url empty query", "bakery_url: https://h/x?\n" + ok,
			[]string{`s.yaml:1:13: error: bakery_url "https://h/x?" must not have a query or fragment ('?' or '#'); file names are appended to its path`}},
		{"bakery_url fragment", "bakery_url: https://h/x#f\n" + ok,
			[]string{`s.yaml:1:13: error: bakery_url "https://h/x#f" must not have a query or fragment ('?' or '#'); file names are appended to its path`}},
		{"raw NUL positioned", "extensions:\n  - name: a\n    source: \"http://h/\x00\"\n",
			[]string{`s.yaml:3:23: error: character U+0000 is not allowed in YAML; remove it, or write it as an escape in a double-quoted string`}},
		{"raw DEL positioned", "extensions:\n  - name: a\x7f\n",
			[]string{`s.yaml:2:12: error: character U+007F is not allowed in YAML; remove it, or write it as an escape in a double-quoted string`}},
		{"C1 control positioned", "extensions:\n  - name: a\u0090\n",
			[]string{`s.yaml:2:12: error: character U+0090 is not allowed in YAML; remove it, or write it as an escape in a double-quoted string`}},
		{"escaped NUL is a value", "extensions:\n  - name: \"a\\0\"\n    version: '1'\n",
			[]string{`s.yaml:2:11: error: name "a\x00" is invalid; use at most 64 letters, digits, '.', '_', '+' or '-', starting with a letter or digit`}},
		{"header name quoted in a type error", "extensions:\n  - name: a\n    version: '1'\n    headers: {\"X\\nspec.yaml:1:1: error: fake\": true}\n",
			[]string{`s.yaml:4:48: error: header "X\nspec.yaml:1:1: error: fake" must be a string, not a boolean; quote it`}},
		{"bare document marker is empty", "---", []string{`s.yaml: error: spec is empty; it needs at least extensions, disable or flatcar_extensions`}},
		{"document marker and comment is empty", "---\n# nothing\n", []string{`s.yaml: error: spec is empty; it needs at least extensions, disable or flatcar_extensions`}},
		{"explicit null is not empty", "--- ~\n", []string{`s.yaml:1:5: error: spec must be a mapping of keys such as extensions:, not empty`}},
		{"custom tag quoted", "extensions:\n  - name: !foo x\n    version: '1'\n",
			[]string{`s.yaml:2:11: error: name must be a string, not a value tagged "!foo"`}},
		{"tag escaping a newline stays on one line", "!%0A",
			[]string{`s.yaml:1:1: error: spec must be a mapping of keys such as extensions:, not a value tagged "!\n"`}},
		{"binary header value refused", "extensions:\n  - name: a\n    version: '1'\n    headers: {X-A: !!binary U2VjcmV0}\n",
			[]string{`s.yaml:4:20: error: header "X-A" must be a string, not a value tagged "!!binary"`}},
		{"custom-tagged version refused", "extensions:\n  - name: a\n    version: !v 1.0\n",
			[]string{`s.yaml:3:14: error: version must be a string, not a value tagged "!v"`}},
		{"date-like version kept as written", "extensions:\n  - name: a\n    version: 2024-01-02\n", nil},
		{"empty value at the end kept inside the input", "extensions:\n  - name: a\n    version: '1'\n    headers:\n     ?",
			[]string{`s.yaml:5:7: error: a header name must be a string, not empty`, `s.yaml:5:7: error: header "" must be a string, not empty`}},
		{"empty key at the end kept inside the input", "? ",
			[]string{`s.yaml:1:2: error: unknown key "" in the spec; use one of butane_version, arch, bakery_url, disable_method, disable, extensions, flatcar_extensions, headers, ca, include, update_keyring, ignore_warnings, update_timer`}},
		{"lone CR lines counted as YAML does", "arch: arm64\rdisable: [x]\r\xff",
			[]string{`s.yaml:3:1: error: spec is not valid UTF-8; save it as UTF-8`}},
		{"CRLF counted once", "arch: arm64\r\n\xff",
			[]string{`s.yaml:2:1: error: spec is not valid UTF-8; save it as UTF-8`}},
		{"unicode line separator counted", "arch: arm64\u2028\x01",
			[]string{`s.yaml:2:1: error: character U+0001 is not allowed in YAML; remove it, or write it as an escape in a double-quoted string`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := rendered(tt.spec)
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

// TestDescribeOneLine keeps an internal error on one diagnostic line however many entries the library reports.
func TestDescribeOneLine(t *testing.T) {
	var r report.Report
	r.AddOnError(path.New("json", "a"), errors.New("first"))
	r.AddOnError(path.New("json", "b"), errors.New("second"))
	got := describe(r, nil)
	if strings.ContainsAny(got, "\r\n") || !strings.Contains(got, "first") || !strings.Contains(got, "second") {
		t.Errorf("describe gave %q", got)
	}
}

// TestAliasBombBoundedMemory proves a billion-laughs spec is refused without expanding it.
func TestAliasBombBoundedMemory(t *testing.T) {
	var b strings.Builder
	b.WriteString("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n")
	for i := 1; i <= 9; i++ {
		prev := "*a" + string(rune('0'+i-1))
		b.WriteString("a" + string(rune('0'+i)) + ": &a" + string(rune('0'+i)) + " [" + strings.Repeat(prev+", ", 9) + prev + "]\n")
	}
	src := []byte(b.String())
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	_, rep := Generate("s.yaml", src, Options{})
	runtime.ReadMemStats(&after)
	if got := diagnosticsText(rep); got != "s.yaml:2:10: error: YAML aliases are not supported; write the value out" {
		t.Errorf("got %s", got)
	}
	// Expanded, the bomb holds 10^10 strings; refusing it should cost about as much as parsing 1 KB.
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 1<<20 {
		t.Errorf("refusing a %d-byte alias bomb allocated %d bytes", len(src), alloc)
	}
}

// rendered returns the diagnostics as the CLI prints them, for the rules about what a message may quote.
func rendered(src string) []string {
	_, rep := Generate("s.yaml", []byte(src), Options{})
	return strings.Split(diagnosticsText(rep), "\n")
}

func diagnosticsText(rep Report) string {
	lines := make([]string, len(rep))
	for i, d := range rep {
		lines[i] = d.String()
	}
	return strings.Join(lines, "\n")
}
