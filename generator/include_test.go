package generator

import (
	"fmt"
	"io/fs"
	"strings"
	"testing"
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
			[]string{`d/again.bu:5:5: error: ignition.timeouts.http_total is also set by d/timeouts.bu; set it in one place`}},
		{"wrong variant", "include: [fcos.bu]\ndisable: [torcx-generator]\n",
			[]string{`d/fcos.bu:1:10: error: variant "fcos" is not supported; sysext-ign checks Butane for Flatcar, so use variant: flatcar`}},
		{"butane type error", "include: [type.bu]\ndisable: [torcx-generator]\n",
			[]string{"d/type.bu:6:13: error: invalid Butane: this value is a string, but Butane expects a number here"}},
		{"alias in include", "include: [alias.bu]\ndisable: [torcx-generator]\n",
			[]string{`d/alias.bu:4:4: error: YAML aliases are not supported; write the value out`}},
		{"include's link above a generated path", "include: [outer.bu]\nextensions:\n  - {name: a, version: '1', update: true}\n",
			[]string{`d/outer.bu:5:14: error: link "/opt/extensions" would contain file "/opt/extensions/a/a-1-x86-64.raw", which d/s.yaml writes; nothing can be written inside a file or link`}},
		{"path inside another include's file", "include: [host.bu, inner.bu]\ndisable: [torcx-generator]\n",
			[]string{`d/inner.bu:5:14: error: file "/etc/hostname/x" lies inside file "/etc/hostname", which d/host.bu writes; nothing can be written inside a file or link`}},
		{"kernel argument in two includes", "include: [karg1.bu, karg2.bu]\ndisable: [torcx-generator]\n",
			[]string{`d/karg2.bu:4:22: error: kernel argument "quiet" is also written by d/karg1.bu; each may be set only once`}},
		{"include writes a generated drop-in's file", "include: [dropin.bu]\nextensions:\n  - {name: a, version: '1', update: true}\n",
			[]string{`d/dropin.bu:5:13: error: path "/etc/systemd/system/systemd-sysupdate.service.d/a.conf" is also written by d/s.yaml; each may be set only once`}},
		{"empty sections in an include are not set twice", "include: [empty.bu]\ndisable: [torcx-generator]\n",
			[]string{`d/empty.bu:3:9: warning: context tree does not match content tree at $.storage. Line and column reporting may be inconsistent. Unused keys may not be reported`,
				`d/empty.bu:4:9: warning: context tree does not match content tree at $.systemd. Line and column reporting may be inconsistent. Unused keys may not be reported`}},
		{"CA in the spec and an include", "ca: [ca.pem]\ninclude: [ca.bu]\ndisable: [torcx-generator]\n",
			[]string{`d/ca.bu:7:19: error: this CA certificate is also written by d/s.yaml; each may be set only once`}},
		{"same CA twice", "ca: [ca.pem, ca2.pem]\ndisable: [torcx-generator]\n",
			[]string{`d/s.yaml:1:14: error: CA file "ca2.pem" holds the same certificates as "ca.pem"; list them once`}},
		{"two includes mount one path", "include: [mount1.bu, mount2.bu]\ndisable: [torcx-generator]\n",
			[]string{`d/mount2.bu:6:13: error: mount unit "var-lib-data.mount" is also written by d/mount1.bu; each may be set only once`}},
		{"merge key in an include", "include: [merge.bu]\nextensions:\n  - {name: a, version: '1'}\n",
			[]string{`d/merge.bu:5:7: error: YAML merge keys (<<) are not supported in included files; write the keys out`}},
		{"CA file listed twice", "ca: [ca.pem, ./ca.pem]\ndisable: [torcx-generator]\n",
			[]string{`d/s.yaml:1:14: error: CA file "./ca.pem" is listed twice; the first is on line 1, so remove this one`}},
		{"include listed twice", "include:\n  - users1.bu\n  - ../d/users1.bu\n  - users1.bu\ndisable: [torcx-generator]\n",
			[]string{`d/s.yaml:3:5: error: included Butane "../d/users1.bu" is listed twice; the first is on line 2, so remove this one`,
				`d/s.yaml:4:5: error: included Butane "users1.bu" is listed twice; the first is on line 2, so remove this one`}},
		{"files over 1 MiB together", "ca: [big1.pem]\ninclude: [pad1.bu, users1.bu]\ndisable: [torcx-generator]\n",
			[]string{`d/s.yaml:2:11: error: cannot read included Butane "pad1.bu": the CA and included files of a spec may total at most 1 MiB; this file goes past that, so it and the files after it are not read`}},
		{"grouped by file", "include: [type.bu]\narch: i386\ndisable: [torcx-generator]\nbakery_url: 'https://u:pw@h/ x'\n",
			[]string{`d/s.yaml:2:7: error: unknown arch "i386"; use x86-64 or arm64`,
				`d/s.yaml:4:13: error: bakery_url "https://u:xxxxx@h/ x" is not a URL Ignition can fetch: it contains whitespace or control characters; percent-encode them`,
				"d/type.bu:6:13: error: invalid Butane: this value is a string, but Butane expects a number here"}},
		{"no URL lint without a URL", "bakery_url: http://m/ext\nextensions:\n  - {name: a}\n",
			[]string{`d/s.yaml:3:5: error: extension needs a version (for a bakery image) or a source URL`}},
		{"a private key is not a CA", "ca: [key.pem]\ndisable: [torcx-generator]\n",
			[]string{`d/s.yaml:1:6: error: CA file "key.pem" holds no PEM certificate; give a file of -----BEGIN CERTIFICATE----- blocks`}},
		{"a CA over 1 MiB", "ca: [big.pem]\ndisable: [torcx-generator]\n",
			[]string{`d/s.yaml:1:6: error: cannot read CA file "big.pem": it is larger than 1 MiB`}},
		{"the same user in two includes", "include: [users1.bu, users2.bu]\ndisable: [torcx-generator]\n",
			[]string{`d/users2.bu:5:13: error: user "core" is also written by d/users1.bu; each may be set only once`}},
		{"a Butane warning in an include stays a warning", "include: [mode.bu]\ndisable: [torcx-generator]\n",
			[]string{"d/mode.bu:6:13: warning: unreasonable mode would be reasonable if specified in octal; remember to add a leading zero",
				"d/mode.bu:6:13: warning: setuid/setgid/sticky bits are not supported or functional in spec versions older than 3.6.0"}},
		{"absolute include", "include: [/abs/ok.bu]\ndisable: [torcx-generator]\n", nil},
		{"top-level header checked", "headers: {'Bad Name': x}\ndisable: [torcx-generator]\n",
			[]string{"d/s.yaml:1:11: error: header name \"Bad Name\" is not a valid HTTP token; use letters, digits and !#$%&'*+-.^_`|~"}},
		{"update with headers warns", "headers: {X-A: b}\nextensions:\n  - {name: a, version: '1', update: true}\n",
			[]string{`d/s.yaml:3:37: warning: systemd-sysupdate cannot send HTTP headers, so later updates are fetched without them; make the update source readable without them`}},
		{"no header on s3 source", "headers: {X-A: b}\nextensions:\n  - {name: a, source: 's3://bucket/a.raw'}\n", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, rep := Generate("d/s.yaml", []byte(tt.spec), Options{ReadFile: memFiles(files)})
			var got []string
			for _, d := range rep {
				got = append(got, d.String())
			}
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
	want := `s.yaml:1:6: error: cannot read CA file "a.pem": files cannot be read in this mode`
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
