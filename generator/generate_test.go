package generator

import "testing"

// TestButaneOnRequest keeps YAML encoding off the default path, where nothing prints it.
func TestButaneOnRequest(t *testing.T) {
	for _, want := range []bool{false, true} {
		res, rep := Generate("s.yaml", []byte(ok), Options{Butane: want})
		if rep.HasErrors() {
			t.Fatal(rep)
		}
		if got := res.Butane != nil; got != want {
			t.Errorf("Options.Butane=%v: Result.Butane set is %v", want, got)
		}
	}
}
