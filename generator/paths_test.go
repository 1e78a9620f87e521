package generator

import (
	"fmt"
	"strings"
	"testing"
)

// TestLocalSourcePlaces refuses local update sources in places that are not root's own and lasting, in
// systemd-sysext's own folders, and under Flatcar's root links as under what they lead to, without --strict.
func TestLocalSourcePlaces(t *testing.T) {
	const ext = "extensions:\n  - name: a\n    version: '1'\n    update: {source: %s}\n"
	for dir, want := range map[string]string{
		"/lib/sysext":                 "update-dir-is-target",
		"/lib64/a":                    "update-dir-is-target",
		"/bin/a":                      "update-dir-is-target",
		"/sbin":                       "update-dir-is-target",
		"/var/run/a":                  "update-dir-volatile",
		"/var/lock/a":                 "update-dir-volatile",
		"/tmp":                        "update-dir-volatile",
		"/tmp/a":                      "update-dir-volatile",
		"/var/tmp/sysext/a":           "update-dir-volatile",
		"/run/a":                      "update-dir-volatile",
		"/dev/shm/a":                  "update-dir-volatile",
		"/var/lib/extensions":         "update-dir-is-target",
		"/var/lib/extensions/a":       "update-dir-is-target",
		"/run/extensions/a":           "update-dir-is-target",
		"/usr/lib/extensions":         "update-dir-is-target",
		"/usr/local/lib/extensions/a": "update-dir-is-target",
		"/.extra/sysext":              "update-dir-is-target",
		"/var/lib/extensions-staging": "",
		"/library/a":                  "",
		"/tmpfiles/a":                 "",
		"/var/lib/sysext-updates/a":   "",
	} {
		if want != "" {
			want = "s.yaml:4:22 " + want
		}
		for _, strict := range []bool{false, true} {
			got := strings.Join(diagnose(fmt.Sprintf(ext, dir), Options{Strict: strict}), "\n")
			if got != want {
				t.Errorf("%s (strict %v): got %q, want %q", dir, strict, got, want)
			}
		}
	}
}

// deepPath is an absolute path of n components of size bytes each, under /var/lib/d.
func deepPath(n, size int) string {
	return "/var/lib/d" + strings.Repeat("/"+strings.Repeat("a", size), n-3)
}

// TestPathBounds refuses paths longer than Linux's PATH_MAX, deeper than MaxPathComponents or with a component
// longer than NAME_MAX, as a local update source and as a path or link target in an included file; the bounds pass.
func TestPathBounds(t *testing.T) {
	name := strings.Repeat("n", MaxNameBytes)
	long := "/var/lib/" + strings.Repeat(name+"/", 15) + name[:245]
	tests := []struct {
		name, path string
		want       bool
	}{
		{"PATH_MAX bytes with the NUL", long + "x", false},
		{"one byte more", long + "xy", true},
		{"the most components", deepPath(MaxPathComponents, 1), false},
		{"one component more", deepPath(MaxPathComponents+1, 1), true},
		{"a component of NAME_MAX bytes", "/var/lib/" + strings.Repeat("n", MaxNameBytes), false},
		{"one byte more in a component", "/var/lib/" + strings.Repeat("n", MaxNameBytes+1), true},
	}
	if n := len(long + "x"); n != MaxPathBytes {
		t.Fatalf("the path at the bound is %d bytes, not %d", n, MaxPathBytes)
	}
	const ext = "extensions:\n  - name: a\n    version: '1'\n    update: {source: %s}\n"
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			want := []string{}
			if tt.want {
				want = []string{"s.yaml:4:22 path-too-long"}
			}
			if got := diagnose(fmt.Sprintf(ext, tt.path), Options{}); strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Errorf("local update source: got %q, want %q", got, want)
			}
			inc := "variant: flatcar\nversion: 1.0.0\nstorage:\n  directories:\n    - path: " + tt.path + "\n  links:\n    - path: /etc/l\n      target: " + tt.path + "\n"
			files := memFiles(map[string]string{"inc.bu": inc})
			want = []string{}
			if tt.want {
				want = []string{"inc.bu:5:13 path-too-long", "inc.bu:8:15 path-too-long"}
			}
			if got := diagnose("disable: [torcx-generator]\ninclude: [inc.bu]\n", Options{ReadFile: files}); strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Errorf("included Butane: got %q, want %q", got, want)
			}
			rep := CheckButane("inc.bu", []byte(inc), Options{})
			if got := codes(rep); strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Errorf("validate --butane: got %q, want %q", got, want)
			}
		})
	}
}
