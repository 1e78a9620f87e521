package generator

import (
	"fmt"
	"io/fs"
	"strings"
	"testing"

	"github.com/coreos/vcontext/report"
)

// memFiles serves named files from memory, as Options.ReadFile.
func memFiles(files map[string]string) func(string) ([]byte, error) {
	return func(name string) ([]byte, error) {
		if s, ok := files[name]; ok {
			return []byte(s), nil
		}
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	}
}

func TestIncludeAndHeaders(t *testing.T) {
	files := map[string]string{
		"d/timeouts.bu": "variant: flatcar\nversion: 1.0.0\nignition:\n  timeouts:\n    http_total: 10\n",
		"d/again.bu":    "variant: flatcar\nversion: 1.0.0\nignition:\n  timeouts:\n    http_total: 20\n",
		"d/fcos.bu":     "variant: fcos\nversion: 1.5.0\n",
		"d/type.bu":     "variant: flatcar\nversion: 1.0.0\nstorage:\n  files:\n    - path: /etc/a\n      mode: abc\n",
		"d/alias.bu":    "variant: flatcar\nversion: 1.0.0\nx: &a 1\ny: *a\n",
		"/abs/ok.bu":    "variant: flatcar\nversion: 1.0.0\n",
		"d/outer.bu":    "variant: flatcar\nversion: 1.0.0\nstorage:\n  links:\n    - {path: /opt/extensions, target: /tmp}\n",
		"d/inner.bu":    "variant: flatcar\nversion: 1.0.0\nstorage:\n  files:\n    - {path: /etc/hostname/x}\n",
		"d/host.bu":     "variant: flatcar\nversion: 1.0.0\nstorage:\n  files:\n    - {path: /etc/hostname}\n",
		"d/karg1.bu":    "variant: flatcar\nversion: 1.0.0\nkernel_arguments:\n  should_exist: [quiet]\n",
		"d/karg2.bu":    "variant: flatcar\nversion: 1.0.0\nkernel_arguments:\n  should_not_exist: [quiet]\n",
		"d/dropin.bu":   "variant: flatcar\nversion: 1.0.0\nstorage:\n  files:\n    - path: /etc/systemd/system/systemd-sysupdate.service.d/a.conf\n",
		"d/empty.bu":    "variant: flatcar\nversion: 1.0.0\nstorage:\nsystemd:\n",
		"d/ca.bu":       "variant: flatcar\nversion: 1.0.0\nignition:\n  security:\n    tls:\n      certificate_authorities:\n        - inline: |\n" + indent(testCA, "            "),
		"d/ca.pem":      testCA,
		"d/mode.bu":     "variant: flatcar\nversion: 1.0.0\nstorage:\n  files:\n    - path: /etc/a\n      mode: 644\n",
		"d/key.pem":     "-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIA==\n-----END EC PRIVATE KEY-----\n",
		"d/users1.bu":   "variant: flatcar\nversion: 1.0.0\npasswd:\n  users:\n    - name: core\n",
		"d/users2.bu":   "variant: flatcar\nversion: 1.0.0\npasswd:\n  users:\n    - name: core\n      password_hash: $6$x\n",
	}
	files["d/big.pem"] = testCA + strings.Repeat("#", MaxSpecBytes)
	files["d/ca2.pem"] = testCA
	for i, dev := range []string{"/dev/vdb", "/dev/vdc"} {
		files[fmt.Sprintf("d/mount%d.bu", i+1)] = "variant: flatcar\nversion: 1.0.0\nstorage:\n  filesystems:\n    - device: " + dev +
			"\n      path: /var/lib/data\n      format: ext4\n      with_mount_unit: True\n"
	}
	files["d/merge.bu"] = "variant: flatcar\nversion: 1.0.0\nstorage:\n  files:\n    - <<: {path: /etc/extensions/a.raw}\n      mode: 0644\n"
	files["d/big1.pem"] = testCA + strings.Repeat("#", MaxSpecBytes-len(testCA))
	for _, n := range []string{"pad1"} {
		head := "variant: flatcar\nversion: 1.0.0\n"
		files["d/"+n+".bu"] = head + "#" + strings.Repeat("x", MaxSpecBytes-len(head)-2) + "\n"
	}
	tests := []struct {
		name, spec string
		want       []string
	}{
		{"scalar set twice", "include: [timeouts.bu, again.bu]\ndisable: [torcx-generator]\n",
			[]string{"d/again.bu:5:5 include-conflict"}},
		{"wrong variant", "include: [fcos.bu]\ndisable: [torcx-generator]\n",
			[]string{"d/fcos.bu:1:10 butane-variant"}},
		{"butane type error", "include: [type.bu]\ndisable: [torcx-generator]\n",
			[]string{"d/type.bu:6:13 butane-invalid"}},
		{"alias in include", "include: [alias.bu]\ndisable: [torcx-generator]\n",
			[]string{"d/alias.bu:4:4 yaml-alias"}},
		{"include's link above a generated path", "include: [outer.bu]\nextensions:\n  - {name: a, version: '1', update: true}\n",
			[]string{"d/outer.bu:5:14 include-nested"}},
		{"path inside another include's file", "include: [host.bu, inner.bu]\ndisable: [torcx-generator]\n",
			[]string{"d/inner.bu:5:14 include-nested"}},
		{"kernel argument in two includes", "include: [karg1.bu, karg2.bu]\ndisable: [torcx-generator]\n",
			[]string{"d/karg2.bu:4:22 include-conflict"}},
		{"include writes a generated drop-in's file", "include: [dropin.bu]\nextensions:\n  - {name: a, version: '1', update: true}\n",
			[]string{"d/dropin.bu:5:13 include-conflict"}},
		{"empty sections in an include are not set twice", "include: [empty.bu]\ndisable: [torcx-generator]\n",
			[]string{"d/empty.bu:3:9 butane-warning",
				"d/empty.bu:4:9 butane-warning"}},
		{"CA in the spec and an include", "ca: [ca.pem]\ninclude: [ca.bu]\ndisable: [torcx-generator]\n",
			[]string{"d/ca.bu:7:19 include-conflict"}},
		{"same CA twice", "ca: [ca.pem, ca2.pem]\ndisable: [torcx-generator]\n",
			[]string{"d/s.yaml:1:14 ca-duplicate"}},
		{"two includes mount one path", "include: [mount1.bu, mount2.bu]\ndisable: [torcx-generator]\n",
			[]string{"d/mount2.bu:6:13 include-conflict"}},
		{"merge key in an include", "include: [merge.bu]\nextensions:\n  - {name: a, version: '1'}\n",
			[]string{"d/merge.bu:5:7 merge-key"}},
		{"CA file listed twice", "ca: [ca.pem, ./ca.pem]\ndisable: [torcx-generator]\n",
			[]string{"d/s.yaml:1:14 listed-twice"}},
		{"include listed twice", "include:\n  - users1.bu\n  - ../d/users1.bu\n  - users1.bu\ndisable: [torcx-generator]\n",
			[]string{"d/s.yaml:3:5 listed-twice",
				"d/s.yaml:4:5 listed-twice"}},
		{"files over 1 MiB together", "ca: [big1.pem]\ninclude: [pad1.bu, users1.bu]\ndisable: [torcx-generator]\n",
			[]string{"d/s.yaml:2:11 cannot-read"}},
		{"grouped by file", "include: [type.bu]\narch: i386\ndisable: [torcx-generator]\nbakery_url: 'https://u:pw@h/ x'\n",
			[]string{"d/s.yaml:2:7 unknown-value",
				"d/s.yaml:4:13 invalid-url",
				"d/type.bu:6:13 butane-invalid"}},
		{"no URL lint without a URL", "bakery_url: http://m/ext\nextensions:\n  - {name: a}\n",
			[]string{"d/s.yaml:3:5 source-or-version-missing"}},
		{"a private key is not a CA", "ca: [key.pem]\ndisable: [torcx-generator]\n",
			[]string{"d/s.yaml:1:6 ca-not-pem"}},
		{"a CA over 1 MiB", "ca: [big.pem]\ndisable: [torcx-generator]\n",
			[]string{"d/s.yaml:1:6 cannot-read"}},
		{"the same user in two includes", "include: [users1.bu, users2.bu]\ndisable: [torcx-generator]\n",
			[]string{"d/users2.bu:5:13 include-conflict"}},
		{"a Butane warning in an include stays a warning", "include: [mode.bu]\ndisable: [torcx-generator]\n",
			[]string{"d/mode.bu:6:13 butane-warning",
				"d/mode.bu:6:13 butane-warning"}},
		{"absolute include", "include: [/abs/ok.bu]\ndisable: [torcx-generator]\n", nil},
		{"top-level header checked", "headers: {'Bad Name': x}\ndisable: [torcx-generator]\n",
			[]string{"d/s.yaml:1:11 header-name-invalid"}},
		{"update with headers warns", "headers: {X-A: b}\nextensions:\n  - {name: a, version: '1', update: true}\n",
			[]string{"d/s.yaml:3:37 update-headers-dropped"}},
		{"no header on s3 source", "headers: {X-A: b}\nextensions:\n  - {name: a, source: 's3://bucket/a.raw'}\n", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, rep := Generate("d/s.yaml", []byte(tt.spec), Options{ReadFile: memFiles(files)})
			got := codes(rep)
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

// TestIncludeReadOnce proves a file listed many times is read once, so a short spec cannot multiply the work.
func TestIncludeReadOnce(t *testing.T) {
	reads := 0
	read := func(name string) ([]byte, error) {
		reads++
		return []byte("variant: flatcar\nversion: 1.0.0\n"), nil
	}
	spec := "disable: [torcx-generator]\ninclude: [" + strings.Repeat("a.bu, ", 99) + "a.bu]\n"
	_, rep := Generate("s.yaml", []byte(spec), Options{ReadFile: read})
	if reads != 1 || len(rep) != 99 {
		t.Errorf("read %d times with %d diagnostics; want 1 read and 99 listed-twice errors", reads, len(rep))
	}
}

func indent(text, prefix string) string {
	return prefix + strings.ReplaceAll(strings.TrimSuffix(text, "\n"), "\n", "\n"+prefix) + "\n"
}

func TestReadFileUnset(t *testing.T) {
	got := diagnose("ca: [a.pem]\ndisable: [torcx-generator]\n", Options{})
	want := "s.yaml:1:6 cannot-read"
	if len(got) != 1 || got[0] != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

// testCA is a self-signed certificate, the same as the mirror fixture's.
const testCA = `-----BEGIN CERTIFICATE-----
MIIBpTCCAUugAwIBAgIUN5j7/Ac7g6HgAIwYOWe2pDzSVs0wCgYIKoZIzj0EAwIw
JzElMCMGA1UEAwwcc3lzZXh0LWlnbiBleGFtcGxlIG1pcnJvciBDQTAgFw0yNjEx
MjIxMzAyMzhaGA8yMTI2MTAyOTEzMDIzOFowJzElMCMGA1UEAwwcc3lzZXh0LWln
biBleGFtcGxlIG1pcnJvciBDQTBZMBMGByqGSM49AgEGCCqGSM49AwEHA0IABIXC
fgivZ6wOoWa1yYLCh9vyBxQF/TkA7P5H//bMfcg9hM4aNOgTjuhuGuGWcz0wF4sK
aUOIV5wg089CnZFvMmqjUzBRMB0GA1UdDgQWBBT0z5Qg7UQDpxw+Vg0msNW34ez2
DTAfBgNVHSMEGDAWgBT0z5Qg7UQDpxw+Vg0msNW34ez2DTAPBgNVHRMBAf8EBTAD
AQH/MAoGCCqGSM49BAMCA0gAMEUCIGiFAHTtgRATCSmYXN5s0iQ6zodbcHFFBUqy
HK6RQWLgAiEA8+qG63yqDzS0wCnXUZD/AyL2bnSRw0eBtzi4GLbdU+E=
-----END CERTIFICATE-----
`

// TestDebugMasksIncludedSecrets proves --debug hides password hashes an include brings, not only our own secrets.
func TestDebugMasksIncludedSecrets(t *testing.T) {
	files := memFiles(map[string]string{"u.bu": "variant: flatcar\nversion: 1.0.0\npasswd:\n  users:\n    - {name: core, password_hash: $6$secret}\n"})
	res, rep := Generate("s.yaml", []byte("include: [u.bu]\ndisable: [torcx-generator]\n"), Options{Debug: true, ReadFile: files})
	if rep.HasErrors() {
		t.Fatal(rep)
	}
	if strings.Contains(string(res.Debug), "$6$secret") || !strings.Contains(string(res.Debug), "password_hash: '***'") {
		t.Errorf("debug output does not mask the password hash:\n%s", res.Debug)
	}
}

// butaneFindings are included files with one kind each of what Butane finds in a file: in its decoding, its unused
// keys, its own validation, its translation, its field filters and Ignition's validation, as warnings and as errors.
var butaneFindings = map[string]string{
	"unused.bu":   "variant: flatcar\nversion: 1.0.0\nstorage:\n  filez: []\n  files:\n    - path: /etc/a\n      contens: {inline: x}\n",
	"null.bu":     "variant: flatcar\nversion: 1.0.0\nstorage:\nsystemd:\n",
	"mode.bu":     "variant: flatcar\nversion: 1.0.0\nstorage:\n  files:\n    - path: /etc/a\n      mode: 644\n",
	"dirmode.bu":  "variant: flatcar\nversion: 1.0.0\nstorage:\n  directories:\n    - path: /etc/d\n      mode: 755\n",
	"special.bu":  "variant: flatcar\nversion: 1.0.0\nstorage:\n  files:\n    - path: /etc/a\n      mode: 0o4755\n",
	"type.bu":     "variant: flatcar\nversion: 1.0.0\nstorage:\n  files:\n    - path: /etc/a\n      mode: abc\n",
	"relative.bu": "variant: flatcar\nversion: 1.0.0\nstorage:\n  files:\n    - path: relative/path\n",
	"sources.bu":  "variant: flatcar\nversion: 1.0.0\nstorage:\n  files:\n    - path: /etc/a\n      contents: {inline: x, source: 'data:,x'}\n",
	"local.bu":    "variant: flatcar\nversion: 1.0.0\nstorage:\n  files:\n    - path: /etc/a\n      contents:\n        local: a.txt\n",
	"tree.bu":     "variant: flatcar\nversion: 1.0.0\nstorage:\n  trees:\n    - local: dir\n",
	"clevis.bu":   "variant: flatcar\nversion: 1.0.0\nstorage:\n  luks:\n    - name: data\n      device: /dev/vdb\n      clevis: {tpm2: true}\n",
	"unit.bu":     "variant: flatcar\nversion: 1.0.0\nsystemd:\n  units:\n    - name: a.service\n      enabled: true\n      contents: \"[Service]\\nExecStart=/bin/true\\n\"\n",
	"proxy.bu":    "variant: flatcar\nversion: 1.0.0\nignition:\n  proxy:\n    https_proxy: http://proxy.example\n",
	"hardlink.bu": "variant: flatcar\nversion: 1.0.0\nstorage:\n  links:\n    - path: /etc/b\n      target: /etc/a\n      hard: true\n      user: {name: core}\n",
	"wipe.bu":     "variant: flatcar\nversion: 1.0.0\nstorage:\n  disks:\n    - {device: /dev/vdb, wipe_table: true}\n  filesystems:\n    - {device: /dev/vdb, format: ext4}\n",
	"config.bu":   "variant: flatcar\nversion: 1.0.0\nignition:\n  config:\n    merge:\n      - inline: '{not json'\n",
}

// findingsIn renders the diagnostics of one file, in order, without the file's name.
func findingsIn(rep Report, file string) []string {
	var out []string
	for _, d := range rep.sorted() {
		if d.File == file {
			out = append(out, fmt.Sprintf("%d:%d %s %s %s", d.Line, d.Col, d.Severity, d.Code, d.Message))
		}
	}
	return out
}

// TestIncludeFindingsAsAlone proves that each of Butane's findings in an included file is reported as validate --butane
// reports it for the file alone, the same message at the same line and column, so the user sees Butane's own placement.
func TestIncludeFindingsAsAlone(t *testing.T) {
	files := map[string]string{}
	for name, text := range butaneFindings {
		files["d/"+name] = text
	}
	// With a clean spec, the file is translated once, merged after the spec's own files and units, and the findings
	// are placed from the merged document; with a spec that has its own error, the file is translated alone.
	specs := map[string]string{
		"merged": "extensions:\n  - {name: a, version: '1', update: true}\ninclude: [%s]\n",
		"alone":  "extensions:\n  - {name: a, version: '1', update: true}\narch: i386\ninclude: [%s]\n",
	}
	for name, text := range butaneFindings {
		want := findingsIn(CheckButane("d/"+name, []byte(text), Options{}), "d/"+name)
		if len(want) == 0 {
			t.Fatalf("%s: validate --butane finds nothing; the case tests nothing", name)
		}
		for path, spec := range specs {
			t.Run(path+"/"+name, func(t *testing.T) {
				_, rep := Generate("d/s.yaml", fmt.Appendf(nil, spec, name), Options{ReadFile: memFiles(files)})
				if got := findingsIn(rep, "d/"+name); strings.Join(got, "\n") != strings.Join(want, "\n") {
					t.Errorf("got\n%s\nwant, as validate --butane reports the file\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
				}
			})
		}
	}
}

// TestIncludeFindingsOfEveryFile proves that where Butane stops the merged document at one include's error, the problems
// of the other includes, which Butane finds at a later stage, are reported in the same pass.
func TestIncludeFindingsOfEveryFile(t *testing.T) {
	files := map[string]string{"d/sources.bu": butaneFindings["sources.bu"], "d/relative.bu": butaneFindings["relative.bu"]}
	_, rep := Generate("d/s.yaml", []byte("disable: [torcx-generator]\ninclude: [sources.bu, relative.bu]\n"), Options{ReadFile: memFiles(files)})
	for name, text := range files {
		want := findingsIn(CheckButane(name, []byte(text), Options{}), name)
		if got := findingsIn(rep, name); len(want) == 0 || strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("%s: got\n%s\nwant\n%s", name, strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	}
}

// TestIncludesTranslatedOnce counts Butane's translations: one of the merged document, however many files a clean spec
// includes, and one of each file alone where the spec's own error stops the merged document from being made.
func TestIncludesTranslatedOnce(t *testing.T) {
	files := map[string]string{}
	var names []string
	for i := range 5 {
		name := fmt.Sprintf("part%d.bu", i)
		names = append(names, name)
		files["d/"+name] = fmt.Sprintf("variant: flatcar\nversion: 1.0.0\nstorage:\n  files:\n    - path: /etc/part%d\n      contents: {inline: x}\n", i)
	}
	release := releaseOf(defaultButaneVersion)
	translate := release.translate
	t.Cleanup(func() { release.translate = translate })
	calls := 0
	release.translate = func(cfg any) (any, report.Report, error) {
		calls++
		return translate(cfg)
	}
	for _, tt := range []struct {
		name, spec string
		want       int
	}{
		{"clean spec", "disable: [torcx-generator]\n", 1},
		{"spec with an error", "disable: [torcx-generator]\narch: i386\n", len(names)},
	} {
		calls = 0
		spec := tt.spec + "include: [" + strings.Join(names, ", ") + "]\n"
		_, rep := Generate("d/s.yaml", []byte(spec), Options{ReadFile: memFiles(files)})
		if calls != tt.want {
			t.Errorf("%s: %d translations for %d included files, want %d (diagnostics %v)", tt.name, calls, len(names), tt.want, rep)
		}
	}
}

// TestIncludeFindingAcrossFiles proves a finding Butane makes only in the merged document, about two includes
// together, is placed in the include it is about: a hard link in one to a directory another writes.
func TestIncludeFindingAcrossFiles(t *testing.T) {
	files := map[string]string{
		"d/link.bu": "variant: flatcar\nversion: 1.0.0\nstorage:\n  links:\n    - path: /etc/hard\n      target: /etc/dir\n      hard: true\n",
		"d/dir.bu":  "variant: flatcar\nversion: 1.0.0\nstorage:\n  directories:\n    - path: /etc/dir\n",
	}
	for name, text := range files {
		if rep := CheckButane(name, []byte(text), Options{}); len(rep) > 0 {
			t.Fatalf("%s alone: %v; the case needs files that pass alone", name, rep)
		}
	}
	_, rep := Generate("d/s.yaml", []byte("disable: [torcx-generator]\ninclude: [dir.bu, link.bu]\n"), Options{ReadFile: memFiles(files)})
	if got := codes(rep); strings.Join(got, "\n") != "d/link.bu:5:7 butane-error" {
		t.Errorf("got %q, want the hard link's error at its entry in d/link.bu", got)
	}
}
