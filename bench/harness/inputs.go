package main

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/sysext-ign/sysext-ign/internal/scale"
)

// batchFiles is the number of specs validate checks in one call, as pre-commit would pass them.
const batchFiles = 1000

// worstShapes are the heaviest specs within the limits, by name: each shape alone, and all of them at once.
var worstShapes = []struct {
	name  string
	shape scale.Shape
}{
	{"worst-ext", scale.Shape{Extensions: true}},
	{"worst-inc", scale.Shape{Includes: true}},
	{"worst-keyring", scale.Shape{Keyring: true}},
	{"worst-paths", scale.Shape{Paths: true}},
	{"worst-restart", scale.Shape{Restart: true}},
	{"worst-all", scale.Shape{Extensions: true, Includes: true, Keyring: true, Paths: true, Restart: true}},
}

// writeInputs writes typical.yaml, includes.yaml (the typical spec with small included files), ext-N.yaml
// for each scale size, the worst shapes with their included files, and batch/spec-NNNN.yaml, five extensions each.
func writeInputs(dir string) error {
	src, files := scale.Includes()
	files["includes.yaml"] = src
	files["typical.yaml"] = scale.Typical()
	if err := writeFiles(dir, files); err != nil {
		return err
	}
	for _, w := range worstShapes {
		src, files := scale.Worst(w.shape)
		files[w.name+".yaml"] = src
		if err := writeFiles(dir, files); err != nil {
			return err
		}
	}
	if err := os.MkdirAll(filepath.Join(dir, "batch"), 0o755); err != nil {
		return err
	}
	for _, n := range scale.Sizes {
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("ext-%d.yaml", n)), scale.Spec(1, n), 0o644); err != nil {
			return err
		}
	}
	for i := range batchFiles {
		name := filepath.Join(dir, "batch", fmt.Sprintf("spec-%04d.yaml", i+1))
		if err := os.WriteFile(name, scale.Spec(5*i+1, 5), 0o644); err != nil {
			return err
		}
	}
	return nil
}

// writeFiles writes each file under dir, by its relative name.
func writeFiles(dir string, files map[string][]byte) error {
	for name, b := range files {
		if err := os.MkdirAll(filepath.Join(dir, filepath.Dir(name)), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			return err
		}
	}
	return nil
}
