package scale_test

import (
	"io/fs"
	"testing"

	"github.com/sysext-ign/sysext-ign/generator"
	"github.com/sysext-ign/sysext-ign/internal/scale"
)

// TestSpecs keeps the inputs honest: every size fits the limits and gives Ignition with no diagnostic,
// so bench/run times real work.
func TestSpecs(t *testing.T) {
	if scale.MaxExtensions != generator.MaxExtensions {
		t.Fatalf("scale.MaxExtensions is %d, the generator's limit %d", scale.MaxExtensions, generator.MaxExtensions)
	}
	for _, n := range scale.Sizes {
		src := scale.Spec(1, n)
		res, rep := generator.Generate("scale.yaml", src, generator.Options{})
		if len(rep) > 0 || res == nil {
			t.Fatalf("%d extensions: %v", n, rep)
		}
	}
}

// TestWorst shows the worst shapes are valid and sit at the bounds: the most extensions, and included files
// at the file count, list entry and byte limits together.
func TestWorst(t *testing.T) {
	for _, shape := range []struct{ ext, inc bool }{{true, false}, {false, true}, {true, true}} {
		src, files := scale.Worst(shape.ext, shape.inc)
		read := func(name string) ([]byte, error) {
			if b, ok := files[name]; ok {
				return b, nil
			}
			return nil, fs.ErrNotExist
		}
		// Warnings are expected: sysupdate cannot send the headers.
		res, rep := generator.Generate("worst.yaml", src, generator.Options{ReadFile: read})
		if rep.HasErrors() || res == nil {
			t.Fatalf("%+v: %d diagnostics, the first %v", shape, len(rep), rep[0])
		}
		total := 0
		for _, b := range files {
			total += len(b)
		}
		if shape.inc && (len(files) != generator.MaxFiles || total > generator.MaxFilesBytes || total < generator.MaxFilesBytes*9/10) {
			t.Errorf("%+v: %d included files of %d bytes; want %d files just under %d bytes", shape, len(files), total, generator.MaxFiles, generator.MaxFilesBytes)
		}
	}
}

// TestTypical shows the typical spec is valid with no diagnostic.
func TestTypical(t *testing.T) {
	if res, rep := generator.Generate("typical.yaml", scale.Typical(), generator.Options{}); len(rep) > 0 || res == nil {
		t.Fatalf("%d diagnostics: %v", len(rep), rep)
	}
}

// TestIncludes shows the includes shape is valid with no diagnostic, so bench/run times a clean run.
func TestIncludes(t *testing.T) {
	src, files := scale.Includes()
	read := func(name string) ([]byte, error) {
		if b, ok := files[name]; ok {
			return b, nil
		}
		return nil, fs.ErrNotExist
	}
	res, rep := generator.Generate("includes.yaml", src, generator.Options{ReadFile: read})
	if len(rep) > 0 || res == nil {
		t.Fatalf("%d diagnostics: %v", len(rep), rep)
	}
	if len(files) != scale.SmallIncludes {
		t.Errorf("%d included files; want %d", len(files), scale.SmallIncludes)
	}
}
