package generator

import (
	"bytes"
	"strings"
	"testing"
)

func TestDecodeErrors(t *testing.T) {
	tests := []struct {
		name, spec string
		want       string
	}{
		{"empty", "", "s.yaml: error: spec is empty; it needs at least extensions, disable or flatcar_extensions"},
		{"only comments", "# nothing\n# here\n", "s.yaml: error: spec is empty; it needs at least extensions, disable or flatcar_extensions"},
		{"tab indent", "extensions:\n\t- name: a\n", "s.yaml:2:1: error: tab used for indentation; YAML needs spaces"},
		{"unclosed quote", "extensions:\n  - name: \"a\n", "s.yaml:2:1: error: invalid YAML: found unexpected end of stream"},
		{"alias", "x: &a [1]\nextensions: *a\n", "s.yaml:2:13: error: YAML aliases are not supported; write the value out"},
		{"duplicate key", "disable: [torcx-generator]\ndisable: [docker-flatcar]\n", `s.yaml:2:1: error: duplicate key "disable"; it is first set on line 1`},
		{"two documents", ok + "---\n" + ok, "s.yaml:4:1: error: spec holds more than one YAML document; keep one and remove the '---' separators"},
		{"list", "- name: a\n", "s.yaml:1:1: error: spec must be a mapping of keys such as extensions:, not a list"},
		{"scalar", "hello\n", "s.yaml:1:1: error: spec must be a mapping of keys such as extensions:, not a string"},
		{"not utf-8", "extensions:\n  - name: a\xff\n", "s.yaml:2:12: error: spec is not valid UTF-8; save it as UTF-8"},
		{"too large", ok + "#" + strings.Repeat("x", MaxSpecBytes), "s.yaml: error: spec is larger than the 1 MiB limit; split it or remove what is not needed"},
		{"typo in extension key", ok + "    name2: x\n", `s.yaml:4:5: error: unknown key "name2" in an extension; did you mean "name"?`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := strings.Join(diagnose(tt.spec, Options{}), "\n")
			if got != tt.want {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
		})
	}
}

// TestEncodingsAccepted proves a BOM and CRLF line endings change nothing in the output.
func TestEncodingsAccepted(t *testing.T) {
	base, rep := Generate("s.yaml", []byte(ok), Options{Butane: true})
	if rep.HasErrors() {
		t.Fatal(rep)
	}
	for name, src := range map[string]string{
		"bom":  "\xef\xbb\xbf" + ok,
		"crlf": strings.ReplaceAll(ok, "\n", "\r\n"),
	} {
		res, rep := Generate("s.yaml", []byte(src), Options{Butane: true})
		if rep.HasErrors() || !bytes.Equal(res.Ignition, base.Ignition) || !bytes.Equal(res.Butane, base.Butane) {
			t.Errorf("%s: output differs or failed: %v", name, rep)
		}
	}
}
