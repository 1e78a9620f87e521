package generator

import (
	"strings"
	"testing"
)

// diagnose runs the whole pipeline and returns its diagnostics as the CLI prints them.
func diagnose(src string, opts Options) []string {
	_, rep := Generate("s.yaml", []byte(src), opts)
	out := make([]string, len(rep))
	for i, d := range rep {
		out[i] = d.String()
	}
	return out
}

const ok = "extensions:\n  - name: a\n    version: '1'\n"

func TestRules(t *testing.T) {
	tests := []struct {
		name, spec string
		want       []string
	}{
		{"valid", ok, nil},
		{"name charset", "extensions:\n  - name: a/b\n    version: '1'\n",
			[]string{`s.yaml:2:11: error: name "a/b" is invalid; use at most 64 letters, digits, '.', '_', '+' or '-', starting with a letter or digit`}},
		{"name leading dot", "extensions:\n  - name: .a\n    version: '1'\n",
			[]string{`s.yaml:2:11: error: name ".a" is invalid; use at most 64 letters, digits, '.', '_', '+' or '-', starting with a letter or digit`}},
		{"name 65 chars", "extensions:\n  - name: " + strings.Repeat("a", 65) + "\n    version: '1'\n",
			[]string{`s.yaml:2:11: error: name "` + strings.Repeat("a", 65) + `" is invalid; use at most 64 letters, digits, '.', '_', '+' or '-', starting with a letter or digit`}},
		{"name 64 chars", "extensions:\n  - name: " + strings.Repeat("a", 64) + "\n    version: '1'\n", nil},
		{"name .raw", "extensions:\n  - name: a.raw\n    version: '1'\n",
			[]string{`s.yaml:2:11: error: name must not end in .raw; the .raw is added for you`}},
		{"name docker-flatcar", "extensions:\n  - name: docker-flatcar\n    version: '1'\n",
			[]string{`s.yaml:2:11: error: name is reserved for Flatcar's own images; choose another name, or use disable: to turn a built-in off`}},
		{"name containerd-flatcar", "extensions:\n  - name: containerd-flatcar\n    version: '1'\n",
			[]string{`s.yaml:2:11: error: name is reserved for Flatcar's own images; choose another name, or use disable: to turn a built-in off`}},
		{"name flatcar-", "extensions:\n  - name: flatcar-podman\n    version: '1'\n",
			[]string{`s.yaml:2:11: error: name is reserved for Flatcar's own images; choose another name, or use disable: to turn a built-in off`}},
		{"name oem-", "extensions:\n  - name: oem-azure\n    version: '1'\n",
			[]string{`s.yaml:2:11: error: name is reserved for Flatcar's own images; choose another name, or use disable: to turn a built-in off`}},
		{"name missing", "extensions:\n  - version: '1'\n",
			[]string{`s.yaml:2:5: error: extension has no name; add name:`}},
		{"name number", "extensions:\n  - name: 12\n    version: '1'\n",
			[]string{`s.yaml:2:11: error: name must be a string, not a number; quote it`}},
		{"duplicate names", "extensions:\n  - name: a\n    version: '1'\n  - name: a\n    version: '2'\n",
			[]string{`s.yaml:4:11: error: extension "a" is listed twice; the first is on line 2`}},
		{"version slash", "extensions:\n  - name: a\n    version: 1/2\n",
			[]string{`s.yaml:3:14: error: version must not contain '/', '..' or whitespace; it becomes part of a file name and a URL`}},
		{"version dotdot", "extensions:\n  - name: a\n    version: 1..2\n",
			[]string{`s.yaml:3:14: error: version must not contain '/', '..' or whitespace; it becomes part of a file name and a URL`}},
		{"version space", "extensions:\n  - name: a\n    version: 1 2\n",
			[]string{`s.yaml:3:14: error: version must not contain '/', '..' or whitespace; it becomes part of a file name and a URL`}},
		{"version empty", "extensions:\n  - name: a\n    version: ''\n",
			[]string{`s.yaml:3:14: error: version is empty; give the image's version, such as 28.0.4`}},
		{"version number kept as written", "extensions:\n  - name: a\n    version: 1.10\n", nil},
		{"no source no version", "extensions:\n  - name: a\n",
			[]string{`s.yaml:2:5: error: extension needs a version (for a bakery image) or a source URL`}},
		{"arch unknown", "arch: i386\n" + ok,
			[]string{`s.yaml:1:7: error: unknown arch "i386"; use x86-64 or arm64`}},
		{"arch alias", "arch: amd64\n" + ok, nil},
		{"extension arch unknown", "extensions:\n  - name: a\n    version: '1'\n    arch: riscv64\n",
			[]string{`s.yaml:4:11: error: unknown arch "riscv64"; use x86-64 or arm64`}},
		{"butane_version unknown", "butane_version: 1.2.0\n" + ok,
			[]string{`s.yaml:1:17: error: unknown butane_version "1.2.0"; use 1.0.0 or 1.1.0`}},
		{"disable_method unknown", "disable_method: mask\n" + ok,
			[]string{`s.yaml:1:17: error: unknown disable_method "mask"; use link or directory`}},
		{"disable unknown", "disable: [docker]\n",
			[]string{`s.yaml:1:11: error: unknown disable item "docker"; use docker-flatcar, containerd-flatcar or torcx-generator`}},
		{"disable twice", "disable: [torcx-generator, torcx-generator]\n",
			[]string{`s.yaml:1:28: warning: "torcx-generator" is already disabled on line 1; remove this entry`}},
		{"disable twice strict", "disable: [torcx-generator, torcx-generator]\n",
			[]string{`s.yaml:1:28: error: "torcx-generator" is already disabled on line 1; remove this entry`}},
		{"source ftp", "extensions:\n  - name: a\n    source: ftp://h/a.raw\n",
			[]string{`s.yaml:3:13: error: source "ftp://h/a.raw" is not a URL Ignition can fetch: scheme "ftp" is not supported; use http, https, tftp, s3, gs or data`}},
		{"source no scheme", "extensions:\n  - name: a\n    source: h/a.raw\n",
			[]string{`s.yaml:3:13: error: source "h/a.raw" is not a URL Ignition can fetch: it has no scheme; use http, https, tftp, s3, gs or data`}},
		{"source space", "extensions:\n  - name: a\n    source: https://h/a b.raw\n",
			[]string{`s.yaml:3:13: error: source "https://h/a b.raw" is not a URL Ignition can fetch: it contains whitespace or control characters; percent-encode them`}},
		{"source no host", "extensions:\n  - name: a\n    source: https:///a.raw\n",
			[]string{`s.yaml:3:13: error: source "https:///a.raw" is not a URL Ignition can fetch: it has no host`}},
		{"source bad data url", "extensions:\n  - name: a\n    source: 'data:;base64,%%%'\n",
			[]string{`s.yaml:3:13: error: source "data:;base64,%%%" is not a URL Ignition can fetch: invalid data character`}},
		{"source schemes", "extensions:\n  - {name: a, source: 'tftp://h/a', hash: 'sha256-" + strings.Repeat("0", 64) + "'}\n  - {name: b, source: 's3://b/k'}\n  - {name: c, source: 'gs://b/k'}\n  - {name: d, source: 'data:,x'}\n", nil},
		{"bakery_url not http", "bakery_url: s3://bucket/ext\n" + ok,
			[]string{`s.yaml:1:13: error: bakery_url "s3://bucket/ext" is not a URL Ignition can fetch: use an http or https URL`}},
		{"hash sha256 short", "extensions:\n  - name: a\n    version: '1'\n    hash: sha256-abc\n",
			[]string{`s.yaml:4:11: error: sha256 hash needs 64 hex digits, not 3`}},
		{"hash sha512 as 64", "extensions:\n  - name: a\n    version: '1'\n    hash: sha512-" + strings.Repeat("a", 64) + "\n",
			[]string{`s.yaml:4:11: error: sha512 hash needs 128 hex digits, not 64`}},
		{"hash algo", "extensions:\n  - name: a\n    version: '1'\n    hash: md5-abc\n",
			[]string{`s.yaml:4:11: error: unknown hash algorithm "md5"; use sha256 or sha512`}},
		{"hash no dash", "extensions:\n  - name: a\n    version: '1'\n    hash: abc\n",
			[]string{`s.yaml:4:11: error: hash must look like sha256-<64 hex digits> or sha512-<128 hex digits>`}},
		{"hash not hex", "extensions:\n  - name: a\n    version: '1'\n    hash: sha256-" + strings.Repeat("z", 64) + "\n",
			[]string{`s.yaml:4:11: error: hash must look like sha256-<64 hex digits> or sha512-<128 hex digits>`}},
		{"header name", "extensions:\n  - name: a\n    version: '1'\n    headers:\n      Bad Name: x\n",
			[]string{"s.yaml:5:7: error: header name \"Bad Name\" is not a valid HTTP token; use letters, digits and !#$%&'*+-.^_`|~"}},
		{"header value newline", "extensions:\n  - name: a\n    version: '1'\n    headers:\n      X-A: \"secret\\r\\nX-B: y\"\n",
			[]string{`s.yaml:5:12: error: value of header "X-A" must not contain line breaks or control characters`}},
		{"header value empty", "extensions:\n  - name: a\n    version: '1'\n    headers:\n      X-A: ''\n",
			[]string{`s.yaml:5:12: error: value of header "X-A" is empty; Ignition rejects empty header values`}},
		{"header duplicate", "extensions:\n  - name: a\n    version: '1'\n    headers:\n      X-A: b\n      x-a: c\n",
			[]string{`s.yaml:6:7: error: header "x-a" is set twice (names are case-insensitive); the first is on line 5`}},
		{"headers on tftp", "extensions:\n  - name: a\n    source: tftp://h/a\n    headers:\n      X-A: b\n",
			[]string{`s.yaml:3:13: warning: image is fetched over tftp without a hash, so nothing verifies it; add hash: or use https`,
				`s.yaml:5:7: error: headers are sent only over http or https, not tftp; remove headers or change the source`}},
		{"unknown key hint", "extensions:\n  - name: a\n    verison: '1'\n",
			[]string{`s.yaml:2:5: error: extension needs a version (for a bakery image) or a source URL`,
				`s.yaml:3:5: error: unknown key "verison" in an extension; did you mean "version"?`}},
		{"unknown top key", "extension:\n  - name: a\n",
			[]string{`s.yaml:1:1: error: unknown key "extension" in the spec; did you mean "extensions"?`}},
		{"unknown key no hint", "colour: red\n" + ok,
			[]string{`s.yaml:1:1: error: unknown key "colour" in the spec; use one of butane_version, arch, bakery_url, disable_method, disable, extensions, flatcar_extensions, headers, ca, include`}},
		{"nothing", "arch: arm64\n",
			[]string{`s.yaml:1:1: error: spec asks for nothing; add extensions, disable or flatcar_extensions`}},
		{"disable mapping", "disable: {docker-flatcar: true}\n",
			[]string{`s.yaml:1:10: error: disable must be a list, not a mapping`}},
		{"extension as a string", "extensions:\n  - docker\n",
			[]string{`s.yaml:2:5: error: an extension must be a mapping, not a string`}},
		{"extensions as a mapping", "extensions: {name: a}\n",
			[]string{`s.yaml:1:13: error: extensions must be a list, not a mapping`}},
		{"headers as a list", "extensions:\n  - {name: a, version: '1', headers: [x]}\n",
			[]string{`s.yaml:2:38: error: headers must be a mapping, not a list`}},
		{"every problem in one pass", "arch: i386\nextensions:\n  - name: a/b\n    version: 1/2\n",
			[]string{`s.yaml:1:7: error: unknown arch "i386"; use x86-64 or arm64`,
				`s.yaml:3:11: error: name "a/b" is invalid; use at most 64 letters, digits, '.', '_', '+' or '-', starting with a letter or digit`,
				`s.yaml:4:14: error: version must not contain '/', '..' or whitespace; it becomes part of a file name and a URL`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := diagnose(tt.spec, Options{Strict: strings.HasSuffix(tt.name, "strict")})
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}
