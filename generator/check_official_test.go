package generator

import (
	"strings"
	"testing"
)

// TestOfficials covers flatcar_extensions: Flatcar fails the boot on a name it cannot download, so every name
// not in the table is an error at its position, unless its item says which release ships it.
func TestOfficials(t *testing.T) {
	all := strings.Join(officialNames(), ", ")
	tests := []struct {
		name, spec string
		want       []string
	}{
		{"every name on x86-64", "flatcar_extensions: [" + all + "]\n", nil},
		{"the six NVIDIA names", "arch: amd64\nflatcar_extensions: [nvidia-drivers-535, nvidia-drivers-535-open, nvidia-drivers-550, " +
			"nvidia-drivers-550-open, nvidia-drivers-570, nvidia-drivers-570-open]\n", nil},
		{"arm64 without NVIDIA", "arch: arm64\nflatcar_extensions: [zfs, podman, python, incus, overlaybd]\n", nil},
		{"NVIDIA on arm64", "arch: aarch64\nflatcar_extensions: [zfs, nvidia-drivers-570]\n",
			[]string{"s.yaml:2:27 official-arch"}},
		{"NVIDIA outside the six", "flatcar_extensions: [nvidia-drivers-580]\n",
			[]string{"s.yaml:1:22 official-nvidia"}},
		{"NVIDIA wildcard of the old list", "flatcar_extensions: [nvidia-drivers-]\n",
			[]string{"s.yaml:1:22 official-nvidia"}},
		{"unknown near an official name", "flatcar_extensions: [podmann]\n",
			[]string{"s.yaml:1:22 official-unknown-name"}},
		{"unknown far from every name", "flatcar_extensions: [something-else]\n",
			[]string{"s.yaml:1:22 official-unknown-name"}},
		{"bakery images", "flatcar_extensions: [kubernetes, wasmtime]\n",
			[]string{"s.yaml:1:22 official-bakery-image", "s.yaml:1:34 official-bakery-image"}},
		{"unknown under strict is still an error", "flatcar_extensions: [podmann]\n",
			[]string{"s.yaml:1:22 official-unknown-name"}},
		{"since accepts a newer name", "flatcar_extensions:\n  - {name: newthing, since: 4600.0.0}\n",
			[]string{"s.yaml:2:12 official-unlisted"}},
		{"since accepts a newer NVIDIA name", "flatcar_extensions:\n  - {name: nvidia-drivers-580, since: 4600.0.0}\n",
			[]string{"s.yaml:2:12 official-unlisted"}},
		{"since cannot make NVIDIA build on arm64", "arch: arm64\nflatcar_extensions:\n  - {name: nvidia-drivers-580, since: 4600.0.0}\n",
			[]string{"s.yaml:3:12 official-arch"}},
		{"since on a listed name that agrees", "flatcar_extensions:\n  - {name: zfs, since: 3913.0.0}\n", nil},
		{"since on a listed name that disagrees", "flatcar_extensions:\n  - name: zfs\n    since: 4000.0.0\n",
			[]string{"s.yaml:3:12 official-since-mismatch"}},
		{"since in block form", "flatcar_extensions:\n  - name: newthing\n    since: 4600.0.0\n  - podman\n",
			[]string{"s.yaml:2:11 official-unlisted"}},
		{"since not a release", "flatcar_extensions:\n  - {name: newthing, since: '4600'}\n",
			[]string{"s.yaml:2:29 official-since-invalid"}},
		{"since a number", "flatcar_extensions:\n  - {name: newthing, since: 4600}\n",
			[]string{"s.yaml:2:29 official-since-invalid"}},
		{"since a list", "flatcar_extensions:\n  - {name: newthing, since: [1]}\n",
			[]string{"s.yaml:2:29 wrong-type"}},
		{"mapping without a name", "flatcar_extensions:\n  - {since: 4600.0.0}\n",
			[]string{"s.yaml:2:5 name-missing"}},
		{"mapping with an unknown key", "flatcar_extensions:\n  - {name: zfs, sincee: 4600.0.0}\n",
			[]string{"s.yaml:2:17 unknown-key"}},
		{"item a list", "flatcar_extensions:\n  - [zfs]\n",
			[]string{"s.yaml:2:5 wrong-type"}},
		{"item a number", "flatcar_extensions: [12]\n",
			[]string{"s.yaml:1:22 wrong-type"}},
		{"docker", "flatcar_extensions: [docker]\n",
			[]string{"s.yaml:1:22 official-builtin"}},
		{"-containerd", "flatcar_extensions: [-containerd]\n",
			[]string{"s.yaml:1:22 official-builtin"}},
		{"opt-out", "flatcar_extensions: [-podman]\n",
			[]string{"s.yaml:1:22 official-opt-out"}},
		{"invalid", "flatcar_extensions: ['a b']\n",
			[]string{"s.yaml:1:22 official-invalid"}},
		{"too long", "flatcar_extensions: [" + strings.Repeat("z", 65) + "]\n",
			[]string{"s.yaml:1:22 official-invalid"}},
		{"invalid with since", "flatcar_extensions:\n  - {name: 'a b', since: 4600.0.0}\n",
			[]string{"s.yaml:2:12 official-invalid"}},
		{"duplicate", "flatcar_extensions: [zfs, zfs]\n",
			[]string{"s.yaml:1:27 official-duplicate"}},
		{"duplicate across forms", "flatcar_extensions:\n  - zfs\n  - {name: zfs}\n",
			[]string{"s.yaml:3:12 official-duplicate"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := diagnose(tt.spec, Options{Strict: strings.Contains(tt.name, "strict")})
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

// TestOfficialMessages shows the hints each refused name gets: the form to list a bakery image under,
// a did-you-mean for a near name, and the known names otherwise.
func TestOfficialMessages(t *testing.T) {
	for spec, want := range map[string]string{
		"flatcar_extensions: [kubernetes]\n":         "list it under extensions: as - {name: kubernetes, version: VERSION}",
		"flatcar_extensions: [podmann]\n":            `did you mean "podman"?`,
		"flatcar_extensions: [nvidia-driver-570]\n":  `did you mean "nvidia-drivers-570"?`,
		"flatcar_extensions: [nvidia-drivers-57]\n":  "its NVIDIA drivers are nvidia-drivers-535, nvidia-drivers-535-open,",
		"flatcar_extensions: [nvidia-drivers-580]\n": "{name: nvidia-drivers-580, since: RELEASE}",
		"flatcar_extensions: [something-else]\n":     "Flatcar builds zfs, podman, python, incus, nvidia-drivers-535,",
	} {
		_, rep := Generate("s.yaml", []byte(spec), Options{})
		if len(rep) != 1 || !strings.Contains(rep[0].Message, want) {
			t.Errorf("%q: got %v, want a message with %q", spec, rep, want)
		}
	}
}

// TestOfficialMinRelease proves enabled-sysext.conf names the newest first release among the names, a since included.
func TestOfficialMinRelease(t *testing.T) {
	for spec, want := range map[string]string{
		"flatcar_extensions: [zfs, python]\n":                                     "Flatcar 4012.0.0 or later",
		"flatcar_extensions: [zfs, overlaybd]\n":                                  "Flatcar 4426.0.0 or later",
		"flatcar_extensions:\n  - zfs\n  - {name: newthing, since: 4600.0.0}\n":   "Flatcar 4600.0.0 or later",
		"flatcar_extensions:\n  - {name: zfs, since: 4600.0.0}\n  - python\n":     "Flatcar 4012.0.0 or later",
		"flatcar_extensions:\n  - {name: newthing, since: 3000.0.0}\n  - incus\n": "Flatcar 4344.0.0 or later",
	} {
		res, rep := Generate("s.yaml", []byte(spec), Options{Butane: true})
		if rep.HasErrors() || !strings.Contains(string(res.Butane), want) {
			t.Errorf("%q: got %v\n%s\nwant %q", spec, rep, res.Butane, want)
		}
	}
}

// TestLatestIsAnError proves gen refuses version: latest at its position, as validate does, and lock's check lets exactly it through.
func TestLatestIsAnError(t *testing.T) {
	spec := "extensions:\n  - name: a\n    version: latest\n    update: {series: v1}\n"
	if got := diagnose(spec, Options{}); strings.Join(got, ",") != "s.yaml:3:14 latest-unresolved" {
		t.Errorf("gen: got %q", got)
	}
	if _, rep := Locked("s.yaml", []byte(spec), Options{}); len(codes(rep)) != 1 || codes(rep)[0] != "s.yaml:3:14 latest-unresolved" {
		t.Errorf("Locked: got %q", codes(rep))
	}
	plan, rep := Lockables("s.yaml", []byte(spec), Options{})
	if rep.HasErrors() || plan == nil || plan.Extensions[0].Version.Value != Latest {
		t.Errorf("Lockables: got %q", codes(rep))
	}
	if _, rep := Lockables("s.yaml", []byte(spec+"arch: i386\n"), Options{}); len(codes(rep)) != 1 || codes(rep)[0] != "s.yaml:5:7 unknown-value" {
		t.Errorf("Lockables lets through more than latest: %q", codes(rep))
	}
}
