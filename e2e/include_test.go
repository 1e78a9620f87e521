package e2e

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// butane is the part of an included Butane file whose effect on the tree
// the suite checks: inline files, units and users' SSH keys.
type butane struct {
	Storage struct {
		Files []struct {
			Path     string
			Mode     *int
			Contents struct{ Inline *string }
		}
	}
	Systemd struct {
		Units []struct {
			Name     string
			Enabled  *bool
			Contents *string
		}
	}
	Passwd struct {
		Users []struct {
			Name string
			Keys []string `yaml:"ssh_authorized_keys"`
		}
	}
}

// checkIncluded asserts that what the spec's included Butane files ask for
// made it through the merge into the tree Ignition wrote.
func checkIncluded(t *testing.T, root, dir string, s spec) {
	t.Helper()
	for _, inc := range s.Include {
		b, err := os.ReadFile(filepath.Join(dir, inc))
		if err != nil {
			t.Fatal(err)
		}
		var bu butane
		if err := yaml.Unmarshal(b, &bu); err != nil {
			t.Fatalf("%s: %v", inc, err)
		}
		for _, f := range bu.Storage.Files {
			if f.Contents.Inline == nil {
				continue
			}
			mode := os.FileMode(0o644)
			if f.Mode != nil {
				mode = os.FileMode(*f.Mode)
			}
			wantFile(t, root, f.Path, []byte(*f.Contents.Inline), mode)
		}
		preset := strings.Split(readFile(t, root, "/etc/systemd/system-preset/20-ignition.preset"), "\n")
		for _, u := range bu.Systemd.Units {
			if u.Contents != nil {
				wantFile(t, root, "/etc/systemd/system/"+u.Name, []byte(*u.Contents), 0o644)
			}
			if u.Enabled != nil && *u.Enabled && !slices.Contains(preset, "enable "+u.Name) {
				t.Errorf("%s from %s is not enabled", u.Name, inc)
			}
		}
		for _, u := range bu.Passwd.Users {
			got := readFile(t, root, "/home/"+u.Name+"/.ssh/authorized_keys.d/ignition")
			for _, k := range u.Keys {
				if !strings.Contains(got, k) {
					t.Errorf("user %s from %s lacks the key %q", u.Name, inc, k)
				}
			}
		}
	}
}
