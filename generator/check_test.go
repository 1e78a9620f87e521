package generator

import (
	"fmt"
	"strings"
	"testing"
)

// diagnose runs the whole pipeline and returns its diagnostics by position and code.
func diagnose(src string, opts Options) []string {
	_, rep := Generate("s.yaml", []byte(src), opts)
	return codes(rep)
}

// codes renders each diagnostic as FILE:LINE:COL CODE (FILE:LINE CODE without a column, FILE CODE without a line),
// which tests match so that rewording a message changes only the golden list of messages; a warning that --strict
// made an error ends in (strict).
func codes(rep Report) []string {
	out := make([]string, len(rep))
	for i, d := range rep {
		switch {
		case d.Line == 0:
			out[i] = fmt.Sprintf("%s %s", d.File, d.Code)
		case d.Col == 0:
			out[i] = fmt.Sprintf("%s:%d %s", d.File, d.Line, d.Code)
		default:
			out[i] = fmt.Sprintf("%s:%d:%d %s", d.File, d.Line, d.Col, d.Code)
		}
		if k, _ := KindOf(d.Code); k.Severity != d.Severity {
			out[i] += " (strict)"
		}
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
			[]string{"s.yaml:2:11 name-invalid"}},
		{"name leading dot", "extensions:\n  - name: .a\n    version: '1'\n",
			[]string{"s.yaml:2:11 name-invalid"}},
		{"name 65 chars", "extensions:\n  - name: " + strings.Repeat("a", 65) + "\n    version: '1'\n",
			[]string{"s.yaml:2:11 name-invalid"}},
		{"name 64 chars", "extensions:\n  - name: " + strings.Repeat("a", 64) + "\n    version: '1'\n", nil},
		{"name .raw", "extensions:\n  - name: a.raw\n    version: '1'\n",
			[]string{"s.yaml:2:11 name-raw"}},
		{"name docker-flatcar", "extensions:\n  - name: docker-flatcar\n    version: '1'\n",
			[]string{"s.yaml:2:11 name-reserved"}},
		{"name containerd-flatcar", "extensions:\n  - name: containerd-flatcar\n    version: '1'\n",
			[]string{"s.yaml:2:11 name-reserved"}},
		{"name flatcar-", "extensions:\n  - name: flatcar-podman\n    version: '1'\n",
			[]string{"s.yaml:2:11 name-reserved"}},
		{"name oem-", "extensions:\n  - name: oem-azure\n    version: '1'\n",
			[]string{"s.yaml:2:11 name-reserved"}},
		{"name missing", "extensions:\n  - version: '1'\n",
			[]string{"s.yaml:2:5 name-missing"}},
		{"name number", "extensions:\n  - name: 12\n    version: '1'\n",
			[]string{"s.yaml:2:11 wrong-type"}},
		{"duplicate names", "extensions:\n  - name: a\n    version: '1'\n  - name: a\n    version: '2'\n",
			[]string{"s.yaml:4:11 name-duplicate"}},
		{"version slash", "extensions:\n  - name: a\n    version: 1/2\n",
			[]string{"s.yaml:3:14 version-path-chars"}},
		{"version dotdot", "extensions:\n  - name: a\n    version: 1..2\n",
			[]string{"s.yaml:3:14 version-path-chars"}},
		{"version space", "extensions:\n  - name: a\n    version: 1 2\n",
			[]string{"s.yaml:3:14 version-path-chars"}},
		{"version empty", "extensions:\n  - name: a\n    version: ''\n",
			[]string{"s.yaml:3:14 version-empty"}},
		{"version number kept as written", "extensions:\n  - name: a\n    version: 1.10\n", nil},
		{"no source no version", "extensions:\n  - name: a\n",
			[]string{"s.yaml:2:5 source-or-version-missing"}},
		{"arch unknown", "arch: i386\n" + ok,
			[]string{"s.yaml:1:7 unknown-value"}},
		{"arch alias", "arch: amd64\n" + ok, nil},
		{"extension arch unknown", "extensions:\n  - name: a\n    version: '1'\n    arch: riscv64\n",
			[]string{"s.yaml:4:11 unknown-value"}},
		{"butane_version unknown", "butane_version: 1.2.0\n" + ok,
			[]string{"s.yaml:1:17 unknown-value"}},
		{"disable_method unknown", "disable_method: mask\n" + ok,
			[]string{"s.yaml:1:17 unknown-value"}},
		{"disable unknown", "disable: [docker]\n",
			[]string{"s.yaml:1:11 unknown-value"}},
		{"disable twice", "disable: [torcx-generator, torcx-generator]\n",
			[]string{"s.yaml:1:28 disable-duplicate"}},
		{"disable twice strict", "disable: [torcx-generator, torcx-generator]\n",
			[]string{"s.yaml:1:28 disable-duplicate (strict)"}},
		{"directory mask on sysexts", "disable_method: directory\ndisable: [torcx-generator, docker-flatcar, containerd-flatcar]\n",
			[]string{"s.yaml:2:28 directory-mask-ignored", "s.yaml:2:44 directory-mask-ignored"}},
		{"link mask", "disable_method: link\ndisable: [docker-flatcar]\n", nil},
		{"source ftp", "extensions:\n  - name: a\n    source: ftp://h/a.raw\n",
			[]string{"s.yaml:3:13 invalid-url"}},
		{"source no scheme", "extensions:\n  - name: a\n    source: h/a.raw\n",
			[]string{"s.yaml:3:13 invalid-url"}},
		{"source space", "extensions:\n  - name: a\n    source: https://h/a b.raw\n",
			[]string{"s.yaml:3:13 invalid-url"}},
		{"source no host", "extensions:\n  - name: a\n    source: https:///a.raw\n",
			[]string{"s.yaml:3:13 invalid-url"}},
		{"source bad data url", "extensions:\n  - name: a\n    source: 'data:;base64,%%%'\n",
			[]string{"s.yaml:3:13 invalid-url"}},
		{"source schemes", "extensions:\n  - {name: a, source: 'tftp://h/a', hash: 'sha256-" + strings.Repeat("0", 64) + "'}\n  - {name: b, source: 's3://b/k'}\n  - {name: c, source: 'gs://b/k'}\n  - {name: d, source: 'data:,x'}\n", nil},
		{"bakery_url not http", "bakery_url: s3://bucket/ext\n" + ok,
			[]string{"s.yaml:1:13 invalid-url"}},
		{"hash sha256 short", "extensions:\n  - name: a\n    version: '1'\n    hash: sha256-abc\n",
			[]string{"s.yaml:4:11 invalid-hash"}},
		{"hash sha512 as 64", "extensions:\n  - name: a\n    version: '1'\n    hash: sha512-" + strings.Repeat("a", 64) + "\n",
			[]string{"s.yaml:4:11 invalid-hash"}},
		{"hash algo", "extensions:\n  - name: a\n    version: '1'\n    hash: md5-abc\n",
			[]string{"s.yaml:4:11 invalid-hash"}},
		{"hash no dash", "extensions:\n  - name: a\n    version: '1'\n    hash: abc\n",
			[]string{"s.yaml:4:11 invalid-hash"}},
		{"hash not hex", "extensions:\n  - name: a\n    version: '1'\n    hash: sha256-" + strings.Repeat("z", 64) + "\n",
			[]string{"s.yaml:4:11 invalid-hash"}},
		{"header name", "extensions:\n  - name: a\n    version: '1'\n    headers:\n      Bad Name: x\n",
			[]string{"s.yaml:5:7 header-name-invalid"}},
		{"header value newline", "extensions:\n  - name: a\n    version: '1'\n    headers:\n      X-A: \"secret\\r\\nX-B: y\"\n",
			[]string{"s.yaml:5:12 header-value-invalid"}},
		{"header value empty", "extensions:\n  - name: a\n    version: '1'\n    headers:\n      X-A: ''\n",
			[]string{"s.yaml:5:12 header-empty"}},
		{"header duplicate", "extensions:\n  - name: a\n    version: '1'\n    headers:\n      X-A: b\n      x-a: c\n",
			[]string{"s.yaml:6:7 header-duplicate"}},
		{"headers on tftp", "extensions:\n  - name: a\n    source: tftp://h/a\n    headers:\n      X-A: b\n",
			[]string{"s.yaml:3:13 http-without-hash",
				"s.yaml:5:7 headers-not-http"}},
		{"unknown key hint", "extensions:\n  - name: a\n    verison: '1'\n",
			[]string{"s.yaml:3:5 unknown-key"}},
		{"misspelt source, not missing", "extensions:\n  - name: a\n    sorce: https://h/a.raw\n",
			[]string{"s.yaml:3:5 unknown-key"}},
		{"misspelt name, not missing", "extensions:\n  - nmae: a\n    version: '1'\n",
			[]string{"s.yaml:2:5 unknown-key"}},
		{"far key, and the version still missing", "extensions:\n  - name: a\n    colour: red\n",
			[]string{"s.yaml:2:5 source-or-version-missing", "s.yaml:3:5 unknown-key"}},
		{"misspelt update source", "extensions:\n  - name: a\n    version: '1'\n    source: https://h/a.raw\n    update: {sourse: 'https://h/a/'}\n",
			[]string{"s.yaml:5:14 unknown-key"}},
		{"misspelt keyring", "update_keyrng: k.asc\nextensions:\n  - name: a\n    version: '1'\n    source: https://h/a.raw\n" +
			"    update: {source: 'https://h/a/', verify: true}\n",
			[]string{"s.yaml:1:1 unknown-key"}},
		{"disable item hint", "disable: [docker-flatacr]\n", []string{"s.yaml:1:11 unknown-value"}},
		{"arch as uname -m prints it", "arch: x86_64\n" + ok, nil},
		{"butane_version Butane knows but sysext-ign does not write", "butane_version: 1.2.0-experimental\n" + ok,
			[]string{"s.yaml:1:17 unknown-value"}},
		{"unknown top key", "extension:\n  - name: a\n",
			[]string{"s.yaml:1:1 unknown-key"}},
		{"unknown key no hint", "colour: red\n" + ok,
			[]string{"s.yaml:1:1 unknown-key"}},
		{"nothing", "arch: arm64\n",
			[]string{"s.yaml:1:1 nothing-asked"}},
		{"disable mapping", "disable: {docker-flatcar: true}\n",
			[]string{"s.yaml:1:10 wrong-type"}},
		{"extension as a string", "extensions:\n  - docker\n",
			[]string{"s.yaml:2:5 wrong-type"}},
		{"extensions as a mapping", "extensions: {name: a}\n",
			[]string{"s.yaml:1:13 wrong-type"}},
		{"headers as a list", "extensions:\n  - {name: a, version: '1', headers: [x]}\n",
			[]string{"s.yaml:2:38 wrong-type"}},
		{"every problem in one pass", "arch: i386\nextensions:\n  - name: a/b\n    version: 1/2\n",
			[]string{"s.yaml:1:7 unknown-value",
				"s.yaml:3:11 name-invalid",
				"s.yaml:4:14 version-path-chars"}},
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
