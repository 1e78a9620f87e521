package scale_test

import (
	"testing"

	"github.com/sysext-ign/sysext-ign/bench/scale"
	"github.com/sysext-ign/sysext-ign/generator"
)

// TestSpecs keeps the inputs honest: every size fits the spec limit, and the sizes that are quick to
// generate (all but the largest) give Ignition with no diagnostic, so bench/run times real work.
func TestSpecs(t *testing.T) {
	for _, n := range scale.Sizes {
		src := scale.Spec(1, n)
		if len(src) > generator.MaxSpecBytes {
			t.Fatalf("%d extensions take %d bytes, over the spec limit", n, len(src))
		}
		if n > 1000 {
			continue
		}
		res, rep := generator.Generate("scale.yaml", src, generator.Options{})
		if len(rep) > 0 || res == nil {
			t.Fatalf("%d extensions: %v", n, rep)
		}
	}
}
