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
			[]string{`s.yaml:2:37: error: update must be true, false, or a mapping with series and source, not a string`}},
		{"update unknown key", "extensions:\n  - name: a\n    version: '1'\n    update: {serie: x}\n",
			[]string{`s.yaml:4:14: error: unknown key "serie" in update; did you mean "series"?`}},
		{"update needs version", "extensions:\n  - name: a\n    source: https://h/a.raw\n    update:\n      source: https://h/a/\n",
			[]string{`s.yaml:5:7: error: update needs a pinned version: add version: so the first image is placed at first boot`}},
		{"custom source needs update.source", "extensions:\n  - name: a\n    version: '1'\n    source: https://h/a.raw\n    update: true\n",
			[]string{`s.yaml:5:13: error: an extension with its own source needs update.source, the folder URL holding SHA256SUMS and the images`}},
		{"update source scheme", "extensions:\n  - name: a\n    version: '1'\n    update: {source: 'tftp://h/a/'}\n",
			[]string{`s.yaml:4:22: error: update source "tftp://h/a/" is not a URL Ignition can fetch: systemd-sysupdate downloads over http or https only`}},
		{"update source with a query", "extensions:\n  - name: a\n    version: '1'\n    update: {source: 'https://h/a/?x=1'}\n",
			[]string{`s.yaml:4:22: error: update source "https://h/a/?x=1" must not have a query or fragment ('?' or '#'); file names are appended to its path`}},
		{"update source gets a trailing slash", "extensions:\n  - name: a\n    version: '1'\n    update: {source: 'https://h/a'}\n", nil},
		{"series chars", "extensions:\n  - name: a\n    version: v1.2.3\n    update: {series: 'v1@2'}\n",
			[]string{`s.yaml:4:22: error: series must be at most 64 characters, start with a letter or digit, hold only letters, digits, '.', '_', '+', '~' or '-', and have no '..'`}},
		{"series not prefix", "extensions:\n  - name: a\n    version: v1.32.2\n    update: {series: v1.3}\n",
			[]string{`s.yaml:4:22: warning: series "v1.3" does not match version "v1.32.2": the pinned image must be named NAME-v1.3.<rest>-ARCH.raw to be tracked; use a series that version starts with`}},
		{"series not prefix strict", "extensions:\n  - name: a\n    version: v1.32.2\n    update: {series: v1.33}\n",
			[]string{`s.yaml:4:22: error: series "v1.33" does not match version "v1.32.2": the pinned image must be named NAME-v1.33.<rest>-ARCH.raw to be tracked; use a series that version starts with`}},
		{"official ok", "flatcar_extensions: [podman, zfs, python, incus, overlaybd, nvidia-drivers-570-open]\n", nil},
		{"official unknown", "flatcar_extensions: [podmann]\n",
			[]string{`s.yaml:1:22: warning: unknown official extension "podmann"; known are zfs, podman, python, incus, nvidia-drivers-*, overlaybd (newer Flatcar releases may add more)`}},
		{"official unknown strict", "flatcar_extensions: [nvidia-drivers-]\n",
			[]string{`s.yaml:1:22: error: unknown official extension "nvidia-drivers-"; known are zfs, podman, python, incus, nvidia-drivers-*, overlaybd (newer Flatcar releases may add more)`}},
		{"official docker", "flatcar_extensions: [docker]\n",
			[]string{`s.yaml:1:22: error: "docker" cannot be set in flatcar_extensions: enabled-sysext.conf does not control the built-in docker and containerd; use disable: [docker-flatcar] to turn it off`}},
		{"official -containerd", "flatcar_extensions: [-containerd]\n",
			[]string{`s.yaml:1:22: error: "-containerd" cannot be set in flatcar_extensions: enabled-sysext.conf does not control the built-in docker and containerd; use disable: [containerd-flatcar] to turn it off`}},
		{"official opt-out", "flatcar_extensions: [-podman]\n",
			[]string{`s.yaml:1:22: error: "-podman" opts out, but official extensions are off unless listed; remove the entry (to turn off docker or containerd, use disable:)`}},
		{"official invalid", "flatcar_extensions: ['a b']\n",
			[]string{`s.yaml:1:22: error: official extension name "a b" is invalid; use letters, digits, '.', '_', '+' or '-'`}},
		{"official duplicate", "flatcar_extensions: [zfs, zfs]\n",
			[]string{`s.yaml:1:27: warning: "zfs" is already listed on line 1; remove this entry`}},
		{"lint docker without disabling", "extensions:\n  - {name: docker, version: 28.0.4}\n",
			[]string{`s.yaml:2:12: warning: extension "docker" and the built-in docker-flatcar would both be merged; add docker-flatcar to disable:`}},
		{"lint containerd without disabling", "disable: [docker-flatcar]\nextensions:\n  - {name: containerd, version: 2.0.4}\n",
			[]string{`s.yaml:3:12: warning: extension "containerd" and the built-in containerd-flatcar would both be merged; add containerd-flatcar to disable:`}},
		{"lint add-ons do not conflict", "extensions:\n  - {name: docker-compose, version: 2.34.0}\n  - {name: docker-buildx, version: 0.22.0}\n", nil},
		{"lint http without hash", "extensions:\n  - {name: a, source: 'http://h/a.raw'}\n",
			[]string{`s.yaml:2:23: warning: image is fetched over http without a hash, so nothing verifies it; add hash: or use https`}},
		{"lint http bakery without hash", "bakery_url: http://mirror/ext\nextensions:\n  - {name: a, version: '1'}\n",
			[]string{`s.yaml:3:24: warning: image is fetched over http without a hash, so nothing verifies it; add hash: or use https`}},
		{"lint http with hash", "extensions:\n  - {name: a, source: 'http://h/a.raw', hash: 'sha256-" + strings.Repeat("0", 64) + "'}\n", nil},
		{"lint dead latest url", "extensions:\n  - {name: a, source: 'https://github.com/flatcar/sysext-bakery/releases/latest/download/a.raw'}\n",
			[]string{`s.yaml:2:23: warning: URLs with releases/latest/download or releases/download/latest are dead on the sysext-bakery; name the release or use the bakery URL with a version`}},
		{"lint dead latest update source", "extensions:\n  - {name: a, version: '1', update: {source: 'https://github.com/flatcar/sysext-bakery/releases/download/latest/'}}\n",
			[]string{`s.yaml:2:46: warning: URLs with releases/latest/download or releases/download/latest are dead on the sysext-bakery; name the release or use the bakery URL with a version`}},
		{"lint versioned name", "extensions:\n  - {name: docker-28.0.4-x86-64, source: 'https://h/d.raw'}\n",
			[]string{`s.yaml:2:12: warning: name "docker-28.0.4-x86-64" looks versioned; systemd-sysext loads NAME.raw only when NAME matches the image's extension-release file, so give the bare name and put the version in version:`}},
		{"lint update with ca", "ca: [c.pem]\nextensions:\n  - {name: a, version: '1', update: true}\n",
			[]string{`s.yaml:1:6: error: cannot read CA file "c.pem": files cannot be read in this mode`,
				`s.yaml:3:37: warning: systemd-sysupdate trusts only the node's system certificates, not ca:, so https updates from a private CA fail; add the CA to the node's trust store or use a publicly trusted certificate`}},
		{"lint update with other arch", "arch: x86-64\nextensions:\n  - {name: a, version: '1', arch: arm64, update: true}\n",
			[]string{`s.yaml:3:35: warning: arch arm64 differs from the node's x86-64, but systemd-sysupdate matches images of the node's own architecture (%a), so the first update would switch architectures; drop arch: here or set the top-level arch`}},
		{"lint update with the node's arch", "arch: arm64\nextensions:\n  - {name: a, version: '1', arch: aarch64, update: true}\n", nil},
		{"lint arch-suffixed name", "extensions:\n  - {name: tool-arm64, source: 'https://h/t.raw'}\n",
			[]string{`s.yaml:2:12: warning: name "tool-arm64" looks versioned; systemd-sysext loads NAME.raw only when NAME matches the image's extension-release file, so give the bare name and put the version in version:`}},
		{"official name too long", "flatcar_extensions: [" + strings.Repeat("z", 65) + "]\n",
			[]string{`s.yaml:1:22: error: official extension name "` + strings.Repeat("z", 65) + `" is invalid; use letters, digits, '.', '_', '+' or '-'`}},
		{"series too long", "extensions:\n  - name: a\n    version: v1\n    update: {series: " + strings.Repeat("v", 65) + "}\n",
			[]string{`s.yaml:4:22: error: series must be at most 64 characters, start with a letter or digit, hold only letters, digits, '.', '_', '+', '~' or '-', and have no '..'`}},
		{"series with dotdot", "extensions:\n  - name: a\n    version: v1\n    update: {series: v1..2}\n",
			[]string{`s.yaml:4:22: error: series must be at most 64 characters, start with a letter or digit, hold only letters, digits, '.', '_', '+', '~' or '-', and have no '..'`}},
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
