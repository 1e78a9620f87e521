package e2e

import (
	"crypto/sha512"
	"encoding/hex"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestIgnitionFixtures rewrites each fixtures/*/spec.yaml that has a
// want.ign (the ones gen accepts) so that every download points at a
// loopback server with fake images, then runs gen and real Ignition and
// checks the tree against what the spec promises.
func TestIgnitionFixtures(t *testing.T) {
	inPart(t, "ignition")
	for _, f := range fixtures(t) {
		t.Run(f.name, func(t *testing.T) {
			srv := newBlobServer(t)
			s := f.spec
			images := localize(srv, &s)
			dir := t.TempDir()
			copyCompanions(t, f.dir, dir)
			root := mustIgnite(t, gen(t, dir, s), seedFlatcar(t))
			checkTree(t, root, s, images)
			checkIncluded(t, root, dir, s)
			checkKeyring(t, root, dir, s)
		})
	}
}

// fixture is one fixtures/NAME/spec.yaml that gen accepts.
type fixture struct {
	name, dir string
	spec      spec
}

// fixtures reads each fixtures/*/spec.yaml that has a want.ign.
func fixtures(t *testing.T) []fixture {
	t.Helper()
	wants, _ := filepath.Glob(filepath.Join(tool(t, envRepo), "fixtures", "*", "want.ign"))
	if len(wants) == 0 {
		t.Fatal("no fixtures/*/want.ign found")
	}
	var out []fixture
	for _, want := range wants {
		dir := filepath.Dir(want)
		b, err := os.ReadFile(filepath.Join(dir, "spec.yaml"))
		if err != nil {
			t.Fatal(err)
		}
		s, err := parseSpec(b)
		if err != nil {
			t.Errorf("%s/spec.yaml: the e2e suite cannot read this spec (extend e2e/spec_test.go): %v", dir, err)
			continue
		}
		out = append(out, fixture{filepath.Base(dir), dir, s})
	}
	return out
}

// updateFixtures are the fixtures with at least one extension that updates.
func updateFixtures(t *testing.T) []fixture {
	t.Helper()
	var out []fixture
	for _, f := range fixtures(t) {
		if slices.ContainsFunc(f.spec.Extensions, func(e extension) bool { return e.Update != nil }) {
			out = append(out, f)
		}
	}
	if len(out) == 0 {
		t.Fatal("no fixture has updates")
	}
	return out
}

// copyCompanions copies the files a fixture's spec names (included Butane,
// CA certificates) next to the rewritten spec, leaving out the goldens.
func copyCompanions(t *testing.T, from, to string) {
	t.Helper()
	entries, err := os.ReadDir(from)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		n := e.Name()
		if !e.Type().IsRegular() || n == "spec.yaml" || strings.HasPrefix(n, "want.") {
			continue
		}
		b, err := os.ReadFile(filepath.Join(from, n))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(to, n), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// localize points the spec's URLs at srv, serves a fake image for every
// extension (demanding the spec's headers) and recomputes pinned hashes;
// it returns the image bytes by extension name.
func localize(srv *blobServer, s *spec) map[string][]byte {
	return localizeWith(srv, s, func(e extension) []byte { return fakeImage(e.Name, e.Version) })
}

// localizeWith is localize with the image for each extension made by image.
func localizeWith(srv *blobServer, s *spec, image func(extension) []byte) map[string][]byte {
	bakery := srv.URL + "/bakery"
	if strings.HasSuffix(s.BakeryURL, "/") {
		bakery += "/"
	}
	s.BakeryURL = bakery
	images := map[string][]byte{}
	for i := range s.Extensions {
		e := &s.Extensions[i]
		img := image(*e)
		images[e.Name] = img
		p := "/bakery/" + s.image(*e)
		if e.Source != "" {
			p = "/sources/" + e.Name + "/" + path.Base(e.Source)
			e.Source = srv.URL + p
		}
		srv.put(p, img)
		for k, v := range s.headersOf(*e) {
			srv.needHeader(p, k, v)
		}
		if e.Hash != "" {
			e.Hash = hashLike(e.Hash, img)
		}
		if e.Update != nil && e.Update.Source != "" && !e.Update.local() {
			e.Update.Source = srv.URL + "/updates/" + e.Name + "/"
		}
	}
	return images
}

// hashLike hashes b with the algorithm that pinned names.
func hashLike(pinned string, b []byte) string {
	if strings.HasPrefix(pinned, "sha512-") {
		sum := sha512.Sum512(b)
		return "sha512-" + hex.EncodeToString(sum[:])
	}
	return sha256Hash(b)
}
