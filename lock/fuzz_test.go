package lock

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/sysext-ign/sysext-ign/generator"
)

// FuzzSplice checks that any spec gen accepts is either edited into one that reads back with the pin, or refused.
func FuzzSplice(f *testing.F) {
	specs, _ := filepath.Glob("../fixtures/*/spec.yaml")
	for _, p := range specs {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte("extensions:\r\n  - {name: a, version: latest}"))
	f.Add([]byte("\ufeffextensions: [{source: 'https://ü.example/a.raw', name: a}]\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		plan, rep := generator.Lockables("spec.yaml", src, generator.Options{})
		if rep.HasErrors() || len(plan.Extensions) == 0 || plan.Extensions[0].Hash.IsSet() {
			return
		}
		exts := plan.Extensions
		e := edit{ext: 0, hash: hashA}
		if exts[0].Version.IsSet() {
			e.version = "1.0.0"
		}
		out, err := splice(src, []edit{e})
		if err != nil {
			return
		}
		after, rep := generator.Lockables("spec.yaml", out, generator.Options{})
		if rep.HasErrors() {
			t.Fatalf("the edited spec is invalid:\n%v\n%s", rep, out)
		}
		got := after.Extensions
		if got[0].Hash.Value != hashA || (e.version != "" && got[0].Version.Value != e.version) {
			t.Fatalf("the edited spec reads hash %q, version %q:\n%s", got[0].Hash.Value, got[0].Version.Value, out)
		}
	})
}

// FuzzCompareVersions checks that the order is antisymmetric and every comparison ends.
func FuzzCompareVersions(f *testing.F) {
	for i := 1; i < len(ascending); i++ {
		f.Add(ascending[i-1], ascending[i])
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		if ab, ba := compareVersions(a, b), compareVersions(b, a); ab != -ba || compareVersions(a, a) != 0 {
			t.Fatalf("compareVersions(%q, %q) = %d but compareVersions(%q, %q) = %d", a, b, ab, b, a, ba)
		}
	})
}
