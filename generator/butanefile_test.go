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
			[]string{"f.bu:6:7 butane-warning"}},
		{"unused key strict", butaneOK + "      pathh: x\n",
			[]string{"f.bu:6:7 butane-warning (strict)"}},
		{"butane error and warning in order", strings.Replace(butaneOK, "/etc/x", "etc/x", 1) + "      pathh: x\n",
			[]string{"f.bu:5:13 butane-error", "f.bu:6:7 butane-warning"}},
		{"ignition validation", butaneOK + "      contents:\n        source: ftp://h/x\n",
			[]string{"f.bu:7:17 butane-error"}},
		{"duplicate entry", butaneOK + "    - path: /etc/x\n",
			[]string{"f.bu:6:7 butane-error"}},
		{"wrong scalar type", butaneOK + "      mode: abc\n",
			[]string{"f.bu:6:13 butane-invalid"}},
		{"mapping for a list", "variant: flatcar\nversion: 1.0.0\nstorage:\n  files: {a: 1}\n",
			[]string{"f.bu:4:10 butane-invalid"}},
		{"block mapping for a number", butaneOK + "      mode:\n        a: b\n",
			[]string{"f.bu:7:9 butane-invalid"}},
		{"duplicate key", butaneOK + "variant: flatcar\n",
			[]string{"f.bu:6:10 butane-invalid"}},
		{"other variant", "variant: fcos\nversion: 1.5.0\n",
			[]string{"f.bu:1:10 butane-variant"}},
		{"local contents", butaneOK + "      contents:\n        local: x.txt\n", []string{"f.bu:7:16 butane-error"}},
		{"trees", butaneOK + "  trees:\n    - local: dir\n", []string{"f.bu:7:7 butane-error"}},
		{"experimental version", "variant: flatcar\nversion: 1.2.0-experimental\n",
			[]string{"f.bu:2:10 unknown-value"}},
		{"no variant, numeric version", "version: 1.0\n",
			[]string{"f.bu:1:1 butane-missing-key",
				"f.bu:1:10 unknown-value"}},
		{"no version", "variant: flatcar\n",
			[]string{"f.bu:1:1 butane-missing-key"}},
		{"variant a list", "variant: [flatcar]\nversion: 1.0.0\n",
			[]string{"f.bu:1:10 wrong-type"}},
		{"empty", "", []string{"f.bu empty"}},
		{"only comments", "# nothing\n", []string{"f.bu empty"}},
		{"bare document marker", "---\n", []string{"f.bu empty"}},
		{"bom before a bare document marker", "\xef\xbb\xbf---\n", []string{"f.bu empty"}},
		{"a list", "- variant: flatcar\n",
			[]string{"f.bu:1:1 not-mapping"}},
		{"two documents", butaneOK + "---\n" + butaneOK,
			[]string{"f.bu:6:1 many-documents"}},
		{"invalid YAML", "variant: flatcar\nstorage: [\n",
			[]string{"f.bu:2 invalid-yaml"}},
		{"tab indent", "variant: flatcar\nstorage:\n\tfiles: []\n",
			[]string{"f.bu:3:1 tab-indent"}},
		{"not utf-8", "variant: flatcar\nversion: 1.0.0\xff\n",
			[]string{"f.bu:2:15 not-utf8"}},
		{"too large", butaneOK + "#" + strings.Repeat("x", MaxSpecBytes),
			[]string{"f.bu too-large"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rep := CheckButane("f.bu", []byte(tt.src), Options{Strict: strings.HasSuffix(tt.name, "strict")})
			got := codes(rep)
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

// TestButaneReleases checks each row of the Butane registry: a spec asking for the version gives Ignition of the
// row's version, and validate --butane accepts a file of it; docs/spec.md and the schema render the rows themselves.
func TestButaneReleases(t *testing.T) {
	for _, r := range butaneReleases {
		res, rep := Generate("s.yaml", []byte("butane_version: "+r.version+"\ndisable: [torcx-generator]\n"), Options{})
		if rep.HasErrors() || !strings.Contains(string(res.Ignition), `"version":"`+r.ignition+`"`) {
			t.Errorf("butane_version %s: %v, Ignition %s; want Ignition %s", r.version, rep, res.Ignition, r.ignition)
		}
		if rep := CheckButane("f.bu", []byte("variant: flatcar\nversion: "+r.version+"\n"), Options{Strict: true}); len(rep) > 0 {
			t.Errorf("validate --butane refuses version %s: %v", r.version, rep)
		}
	}
}

// TestButaneCLIAdvice proves Butane's advice about its own -d/--files-dir flag is replaced by what works with sysext-ign.
func TestButaneCLIAdvice(t *testing.T) {
	for src, want := range map[string]string{
		butaneOK + "      contents:\n        local: x.txt\n": butaneNoFilesDir,
		butaneOK + "  trees:\n    - local: dir\n":            butaneNoTreesDir,
	} {
		rep := CheckButane("f.bu", []byte(src), Options{})
		if len(rep) != 1 || rep[0].Message != want || strings.Contains(rep[0].Message, "files-dir") {
			t.Errorf("%q: got %v, want one error saying %q", src, rep, want)
		}
	}
}
