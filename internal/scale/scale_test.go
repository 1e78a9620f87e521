package scale_test

import (
	"bytes"
	"io/fs"
	"testing"

	"github.com/sysext-ign/sysext-ign/generator"
	"github.com/sysext-ign/sysext-ign/internal/scale"
	"gopkg.in/yaml.v3"
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

// WorstShapes are the worst shapes bench/run times, by the name of their input.
var worstShapes = map[string]scale.Shape{
	"extensions": {Extensions: true}, "includes": {Includes: true}, "keyring": {Keyring: true},
	"paths": {Paths: true}, "restart": {Restart: true}, "extensions and includes": {Extensions: true, Includes: true},
	"all": {Extensions: true, Includes: true, Keyring: true, Paths: true, Restart: true},
}

// TestWorst shows the worst shapes are valid and sit at the bounds they are about: the files' count and bytes,
// the spec's bytes, the longest paths.
func TestWorst(t *testing.T) {
	for name, shape := range worstShapes {
		t.Run(name, func(t *testing.T) {
			src, files := scale.Worst(shape)
			read := func(name string) ([]byte, error) {
				if b, ok := files[name]; ok {
					return b, nil
				}
				return nil, fs.ErrNotExist
			}
			// Warnings are expected: sysupdate cannot send the headers.
			res, rep := generator.Generate("worst.yaml", src, generator.Options{ReadFile: read})
			if rep.HasErrors() || res == nil {
				t.Fatalf("%d diagnostics, the first %v", len(rep), rep[0])
			}
			total := 0
			for _, b := range files {
				total += len(b)
			}
			if len(src) > generator.MaxSpecBytes || total > generator.MaxFilesBytes || len(files) > generator.MaxFiles {
				t.Errorf("spec of %d bytes, %d files of %d bytes: past a limit", len(src), len(files), total)
			}
			full := shape.Includes || shape.Keyring && !shape.Paths
			if full && (total < generator.MaxFilesBytes*9/10 || shape.Includes && len(files) != generator.MaxFiles) {
				t.Errorf("%d files of %d bytes; want the files at their bounds", len(files), total)
			}
			if (shape.Paths || shape.Restart) && len(src) < generator.MaxSpecBytes*99/100 {
				t.Errorf("a spec of %d bytes; want it filled to the bound of %d", len(src), generator.MaxSpecBytes)
			}
			units, lines := restartUnits(t, src), bytes.Count(res.Ignition, []byte("systemctl restart -- "))
			if shape.Restart && (units == 0 || lines != units) {
				t.Errorf("%d units in the restart lists, %d drop-in lines restart one; want one line for each", units, lines)
			}
		})
	}
}

// restartUnits counts the units of every restart list in the spec.
func restartUnits(t *testing.T, src []byte) int {
	var s struct {
		Extensions []struct {
			Update any `yaml:"update"`
		} `yaml:"extensions"`
	}
	if err := yaml.Unmarshal(src, &s); err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, e := range s.Extensions {
		if u, ok := e.Update.(map[string]any); ok {
			list, _ := u["restart"].([]any)
			n += len(list)
		}
	}
	return n
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
