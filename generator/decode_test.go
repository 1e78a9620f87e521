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
		{"empty", "", "s.yaml empty"},
		{"only comments", "# nothing\n# here\n", "s.yaml empty"},
		{"tab indent", "extensions:\n\t- name: a\n", "s.yaml:2:1 tab-indent"},
		{"unclosed quote", "extensions:\n  - name: \"a\n", "s.yaml:2 invalid-yaml"},
		{"alias", "x: &a [1]\nextensions: *a\n", "s.yaml:2:13 yaml-alias"},
		{"duplicate key", "disable: [torcx-generator]\ndisable: [docker-flatcar]\n", "s.yaml:2:1 duplicate-key"},
		{"two documents", ok + "---\n" + ok, "s.yaml:4:1 many-documents"},
		{"list", "- name: a\n", "s.yaml:1:1 not-mapping"},
		{"scalar", "hello\n", "s.yaml:1:1 not-mapping"},
		{"not utf-8", "extensions:\n  - name: a\xff\n", "s.yaml:2:12 not-utf8"},
		{"too large", ok + "#" + strings.Repeat("x", MaxSpecBytes), "s.yaml too-large"},
		{"typo in extension key", ok + "    name2: x\n", "s.yaml:4:5 unknown-key"},
		// yaml.v3 names the block's first line; the item on line 4 breaks it.
		{"mis-indented list item", ok + "   - name: b\n    version: '2'\n", "s.yaml:4 invalid-yaml"},
		{"mis-indented key after a list", ok + "  headers:\n    x: y\n", "s.yaml:4 invalid-yaml"},
		{"mis-indented key in an item", "extensions:\n- name: a\n  version: '1'\n   source: x\n", "s.yaml:4 invalid-yaml"},
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
