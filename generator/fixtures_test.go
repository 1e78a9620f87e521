package generator

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	butane "github.com/coreos/ignition/v2/butane/config"
	"github.com/coreos/ignition/v2/butane/config/common"

	"github.com/sysext-ign/sysext-ign/internal/golden"
)

// fixtureDirs lists every golden case, so a new directory is tested without registering it.
func fixtureDirs(t testing.TB) []string {
	dirs, err := filepath.Glob("../fixtures/*/spec.yaml")
	if err != nil || len(dirs) == 0 {
		t.Fatalf("no fixtures found: %v", err)
	}
	for i, d := range dirs {
		dirs[i] = filepath.Dir(d)
	}
	return dirs
}

func TestFixtures(t *testing.T) {
	for _, dir := range fixtureDirs(t) {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			res, rep := genFixture(t, dir, Options{Pretty: true})
			if rep.HasErrors() || res == nil {
				t.Fatalf("generation failed:\n%v", rep)
			}
			golden.Check(t, filepath.Join(dir, "want.bu"), res.Butane)
			golden.Check(t, filepath.Join(dir, "want.ign"), res.Ignition)
		})
	}
}

// TestButaneRoundTrip proves the --butane output is real Butane: the butane library, strict, gives our exact JSON.
func TestButaneRoundTrip(t *testing.T) {
	for _, dir := range fixtureDirs(t) {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			for _, pretty := range []bool{false, true} {
				res, rep := genFixture(t, dir, Options{Pretty: pretty})
				if rep.HasErrors() {
					t.Fatalf("generation failed:\n%v", rep)
				}
				want, r, err := butane.TranslateBytes(res.Butane, common.TranslateBytesOptions{Pretty: pretty})
				if err != nil || len(r.Entries) > 0 {
					t.Fatalf("butane rejected our output: %v\n%v", err, r)
				}
				if want = append(want, '\n'); !bytes.Equal(want, res.Ignition) {
					t.Errorf("pretty=%v: butane gives\n%s\nwe give\n%s", pretty, want, res.Ignition)
				}
			}
		})
	}
}

func TestDeterministic(t *testing.T) {
	for _, dir := range fixtureDirs(t) {
		a, _ := genFixture(t, dir, Options{})
		b, _ := genFixture(t, dir, Options{})
		if !bytes.Equal(a.Ignition, b.Ignition) || !bytes.Equal(a.Butane, b.Butane) {
			t.Errorf("%s: two runs differ", dir)
		}
	}
}

// genFixture generates a fixture's spec, reading its CA and include files from the fixture directory.
func genFixture(t testing.TB, dir string, opts Options) (*Result, Report) {
	opts.ReadFile = os.ReadFile
	opts.Butane = true
	spec := filepath.Join(dir, "spec.yaml")
	return Generate(spec, readFile(t, spec), opts)
}

func readFile(t testing.TB, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
