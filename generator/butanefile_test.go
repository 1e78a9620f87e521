package generator

import (
	"path/filepath"
	"strings"
	"testing"
)

const butaneOK = "variant: flatcar\nversion: 1.0.0\nstorage:\n  files:\n    - path: /etc/x\n"

// TestCheckButaneHidesValues proves a mistyped header in a Butane file is reported at the value without quoting it,
// as the library's own message would.
func TestCheckButaneHidesValues(t *testing.T) {
	src := "variant: flatcar\nversion: 1.0.0\nstorage:\n  files:\n    - path: /a\n      contents:\n        source: https://h/a\n        http_headers: [hunter2]\n"
	report := CheckButane("f.bu", []byte(src), Options{})
	atValue := false
	for _, d := range report {
		if strings.Contains(d.String(), "hunter2") {
			t.Errorf("diagnostic leaks the value: %s", d)
		}
		atValue = atValue || d.Severity == Error && d.Line == 8 && d.Col == 24
	}
	if !atValue {
		t.Errorf("no error at the header value (8:24), so the test shows nothing hidden: %v", report)
	}
}

func TestCheckButane(t *testing.T) {
	tests := []struct {
		name, src string
		want      []string
	}{
		{"valid 1.0.0", butaneOK, nil},
		{"valid 1.1.0", strings.Replace(butaneOK, "1.0.0", "1.1.0", 1), nil},
		{"bom and crlf", "\xef\xbb\xbf" + strings.ReplaceAll(butaneOK, "\n", "\r\n"), nil},
		{"unused key is a warning", butaneOK + "      pathh: x\n",
			[]string{"f.bu:6:7: warning: unused key pathh"}},
		{"unused key strict", butaneOK + "      pathh: x\n",
			[]string{"f.bu:6:7: error: unused key pathh"}},
		{"butane error and warning in order", strings.Replace(butaneOK, "/etc/x", "etc/x", 1) + "      pathh: x\n",
			[]string{"f.bu:5:13: error: path not absolute", "f.bu:6:7: warning: unused key pathh"}},
		{"ignition validation", butaneOK + "      contents:\n        source: ftp://h/x\n",
			[]string{"f.bu:7:17: error: invalid url scheme"}},
		{"duplicate entry", butaneOK + "    - path: /etc/x\n",
			[]string{"f.bu:6:7: error: duplicate entry defined"}},
		{"wrong scalar type", butaneOK + "      mode: abc\n",
			[]string{"f.bu:6:13: error: invalid Butane: this value is a string, but Butane expects a number here"}},
		{"mapping for a list", "variant: flatcar\nversion: 1.0.0\nstorage:\n  files: {a: 1}\n",
			[]string{"f.bu:4:10: error: invalid Butane: this value is a mapping, but Butane expects a list here"}},
		{"block mapping for a number", butaneOK + "      mode:\n        a: b\n",
			[]string{"f.bu:7:9: error: invalid Butane: this value is a mapping, but Butane expects a number here"}},
		{"duplicate key", butaneOK + "variant: flatcar\n",
			[]string{`f.bu:6:10: error: invalid Butane: mapping key "variant" already defined at line 1`}},
		{"other variant", "variant: fcos\nversion: 1.5.0\n",
			[]string{`f.bu:1:10: error: variant "fcos" is not supported; sysext-ign checks Butane for Flatcar, so use variant: flatcar`}},
		{"experimental version", "variant: flatcar\nversion: 1.2.0-experimental\n",
			[]string{`f.bu:2:10: error: unknown Butane version "1.2.0-experimental"; use 1.0.0 or 1.1.0`}},
		{"no variant, numeric version", "version: 1.0\n",
			[]string{"f.bu:1:1: error: Butane file has no variant; add variant: flatcar",
				`f.bu:1:10: error: unknown Butane version "1.0"; use 1.0.0 or 1.1.0`}},
		{"no version", "variant: flatcar\n",
			[]string{"f.bu:1:1: error: Butane file has no version; add version: 1.0.0 or 1.1.0"}},
		{"variant a list", "variant: [flatcar]\nversion: 1.0.0\n",
			[]string{"f.bu:1:10: error: variant must be a string, not a list"}},
		{"empty", "", []string{"f.bu: error: Butane file is empty; it needs at least variant: flatcar and version:"}},
		{"only comments", "# nothing\n", []string{"f.bu: error: Butane file is empty; it needs at least variant: flatcar and version:"}},
		{"a list", "- variant: flatcar\n",
			[]string{"f.bu:1:1: error: Butane file must be a mapping of keys such as variant: and storage:, not a list"}},
		{"two documents", butaneOK + "---\n" + butaneOK,
			[]string{"f.bu:6:1: error: Butane file holds more than one YAML document and butane reads only the first; keep one and remove the '---' separators"}},
		{"invalid YAML", "variant: flatcar\nstorage: [\n",
			[]string{"f.bu:2:1: error: invalid YAML: did not find expected node content"}},
		{"tab indent", "variant: flatcar\nstorage:\n\tfiles: []\n",
			[]string{"f.bu:3:1: error: tab used for indentation; YAML needs spaces"}},
		{"not utf-8", "variant: flatcar\nversion: 1.0.0\xff\n",
			[]string{"f.bu:2:15: error: Butane file is not valid UTF-8; save it as UTF-8"}},
		{"too large", butaneOK + "#" + strings.Repeat("x", MaxSpecBytes),
			[]string{"f.bu: error: Butane file is larger than the 1 MiB limit; split it or remove what is not needed"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rep := CheckButane("f.bu", []byte(tt.src), Options{Strict: strings.HasSuffix(tt.name, "strict")})
			got := make([]string, len(rep))
			for i, d := range rep {
				got[i] = d.String()
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

// TestCheckButaneAcceptsGenerated proves the two checks agree: every Butane file gen writes passes CheckButane, strictly.
func TestCheckButaneAcceptsGenerated(t *testing.T) {
	for _, dir := range fixtureDirs(t) {
		path := filepath.Join(dir, "want.bu")
		if rep := CheckButane(path, readFile(t, path), Options{Strict: true}); len(rep) > 0 {
			t.Errorf("%s:\n%v", path, rep)
		}
	}
}

// TestFlatcarTranslators keeps the Butane versions validate --butane accepts equal to those the spec can ask for.
func TestFlatcarTranslators(t *testing.T) {
	if len(flatcarTranslators) != len(butaneVersions) {
		t.Errorf("%d translators for %d butane_version values", len(flatcarTranslators), len(butaneVersions))
	}
	for _, v := range butaneVersions {
		if flatcarTranslators[v] == nil {
			t.Errorf("no flatcar translator for butane_version %s", v)
		}
	}
}
