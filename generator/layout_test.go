package generator

import (
	"path/filepath"
	"regexp"
	"testing"
)

// TestNoVersionedNamesInExtensions checks the lint's promise: /etc/extensions only ever holds NAME.raw for a spec NAME, or a built-in.
func TestNoVersionedNamesInExtensions(t *testing.T) {
	inExtensions := regexp.MustCompile(`^/etc/extensions/([^/]+)$`)
	for _, dir := range fixtureDirs(t) {
		spec := (&decoder{file: "spec.yaml"}).decode(readFile(t, filepath.Join(dir, "spec.yaml")))
		allowed := map[string]bool{"docker-flatcar.raw": true, "containerd-flatcar.raw": true, "docker-flatcar": true, "containerd-flatcar": true}
		for _, e := range spec.Extensions {
			allowed[e.Name.Value+".raw"] = true
		}
		res, _ := genFixture(t, dir, Options{})
		cfg := parseIgn(t, res.Ignition)
		var paths []string
		for _, f := range cfg.Storage.Files {
			paths = append(paths, f.Path)
		}
		for _, l := range cfg.Storage.Links {
			paths = append(paths, l.Path)
		}
		for _, d := range cfg.Storage.Directories {
			paths = append(paths, d.Path)
		}
		for _, p := range paths {
			if m := inExtensions.FindStringSubmatch(p); m != nil && !allowed[m[1]] {
				t.Errorf("%s: %s is not NAME.raw for a spec name", dir, p)
			}
		}
	}
}
