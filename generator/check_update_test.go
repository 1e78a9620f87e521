package generator

import (
	"strings"
	"testing"
)

func TestUpdateOfficialAndLint(t *testing.T) {
	const both = "disable: [docker-flatcar, containerd-flatcar]\n"
	tests := []struct {
		name, spec string
		want       []string
	}{
		{"update true", both + "extensions:\n  - {name: docker, version: 28.0.4, update: true}\n", nil},
		{"update false is a plain file", "extensions:\n  - {name: a, version: '1', update: false}\n", nil},
		{"update string", "extensions:\n  - {name: a, version: '1', update: 'yes'}\n",
			[]string{"s.yaml:2:37 update-type"}},
		{"update unknown key", "extensions:\n  - name: a\n    version: '1'\n    update: {serie: x}\n",
			[]string{"s.yaml:4:14 unknown-key"}},
		{"update needs version", "extensions:\n  - name: a\n    source: https://h/a.raw\n    update:\n      source: https://h/a/\n",
			[]string{"s.yaml:5:7 update-needs-version"}},
		{"custom source needs update.source", "extensions:\n  - name: a\n    version: '1'\n    source: https://h/a.raw\n    update: true\n",
			[]string{"s.yaml:5:13 update-needs-source"}},
		{"update source scheme", "extensions:\n  - name: a\n    version: '1'\n    update: {source: 'tftp://h/a/'}\n",
			[]string{"s.yaml:4:22 invalid-url"}},
		{"update source with a query", "extensions:\n  - name: a\n    version: '1'\n    update: {source: 'https://h/a/?x=1'}\n",
			[]string{"s.yaml:4:22 url-query"}},
		{"update source gets a trailing slash", "extensions:\n  - name: a\n    version: '1'\n    update: {source: 'https://h/a'}\n", nil},
		{"series chars", "extensions:\n  - name: a\n    version: v1.2.3\n    update: {series: 'v1@2'}\n",
			[]string{"s.yaml:4:22 series-invalid"}},
		{"series not prefix", "extensions:\n  - name: a\n    version: v1.32.2\n    update: {series: v1.3}\n",
			[]string{"s.yaml:4:22 series-mismatch"}},
		{"series not prefix strict", "extensions:\n  - name: a\n    version: v1.32.2\n    update: {series: v1.33}\n",
			[]string{"s.yaml:4:22 series-mismatch (strict)"}},
		{"lint docker without disabling", "extensions:\n  - {name: docker, version: 28.0.4}\n",
			[]string{"s.yaml:2:12 builtin-still-merged"}},
		{"lint containerd without disabling", "disable: [docker-flatcar]\nextensions:\n  - {name: containerd, version: 2.0.4}\n",
			[]string{"s.yaml:3:12 builtin-still-merged"}},
		{"lint add-ons do not conflict", "extensions:\n  - {name: docker-compose, version: 2.34.0}\n  - {name: docker-buildx, version: 0.22.0}\n", nil},
		{"lint http without hash", "extensions:\n  - {name: a, source: 'http://h/a.raw'}\n",
			[]string{"s.yaml:2:23 http-without-hash"}},
		{"lint http bakery without hash", "bakery_url: http://mirror/ext\nextensions:\n  - {name: a, version: '1'}\n",
			[]string{"s.yaml:3:24 http-without-hash"}},
		{"lint http with hash", "extensions:\n  - {name: a, source: 'http://h/a.raw', hash: 'sha256-" + strings.Repeat("0", 64) + "'}\n", nil},
		{"lint dead latest url", "extensions:\n  - {name: a, source: 'https://github.com/flatcar/sysext-bakery/releases/latest/download/a.raw'}\n",
			[]string{"s.yaml:2:23 dead-url"}},
		{"lint dead latest update source", "extensions:\n  - {name: a, version: '1', update: {source: 'https://github.com/flatcar/sysext-bakery/releases/download/latest/'}}\n",
			[]string{"s.yaml:2:46 dead-url"}},
		{"lint versioned name", "extensions:\n  - {name: docker-28.0.4-x86-64, source: 'https://h/d.raw'}\n",
			[]string{"s.yaml:2:12 versioned-name"}},
		{"lint update with ca", "ca: [c.pem]\nextensions:\n  - {name: a, version: '1', update: true}\n",
			[]string{"s.yaml:1:6 cannot-read",
				"s.yaml:3:37 update-ca-untrusted"}},
		{"lint update with other arch", "arch: x86-64\nextensions:\n  - {name: a, version: '1', arch: arm64, update: true}\n",
			[]string{"s.yaml:3:35 update-arch-switch"}},
		{"lint update with the node's arch", "arch: arm64\nextensions:\n  - {name: a, version: '1', arch: aarch64, update: true}\n", nil},
		{"lint arch-suffixed name", "extensions:\n  - {name: tool-arm64, source: 'https://h/t.raw'}\n",
			[]string{"s.yaml:2:12 versioned-name"}},
		{"series too long", "extensions:\n  - name: a\n    version: v1\n    update: {series: " + strings.Repeat("v", 65) + "}\n",
			[]string{"s.yaml:4:22 series-invalid"}},
		{"series with dotdot", "extensions:\n  - name: a\n    version: v1\n    update: {series: v1..2}\n",
			[]string{"s.yaml:4:22 series-invalid"}},
		{"lint unversioned names pass", "extensions:\n  - {name: nvidia-runtime, version: v1.17.5}\n  - {name: python3.11, version: '1'}\n", nil},
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

// TestUpdateSourceSlash proves update.source gets the trailing / that sysupdate and lock append file names to.
func TestUpdateSourceSlash(t *testing.T) {
	res, rep := Generate("s.yaml", []byte("extensions:\n  - name: a\n    version: '1'\n    update: {source: 'https://h/a'}\n"), Options{Butane: true})
	if rep.HasErrors() {
		t.Fatal(rep)
	}
	if !strings.Contains(string(res.Butane), "Path=https://h/a/\n") {
		t.Errorf("transfer file lacks Path=https://h/a/:\n%s", res.Butane)
	}
}

// TestOfficialDuplicatesWrittenOnce proves a name listed twice warns and is written once.
func TestOfficialDuplicatesWrittenOnce(t *testing.T) {
	res, rep := Generate("s.yaml", []byte("flatcar_extensions: [zfs, podman, zfs]\n"), Options{Butane: true})
	if rep.HasErrors() || len(rep) != 1 {
		t.Fatalf("want one warning, got %v", rep)
	}
	if n := strings.Count(string(res.Butane), "\n          zfs\n"); n != 1 {
		t.Errorf("zfs is written %d times:\n%s", n, res.Butane)
	}
}
