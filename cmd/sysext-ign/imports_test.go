package main

import (
	"errors"
	"go/build"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

const modulePath = "github.com/sysext-ign/sysext-ign/"

// TestPackageImports holds every package of the repository to the table of what it may import in docs/development.md,
// and the generator to the standard packages it must not import, so a boundary cannot erode unnoticed.
func TestPackageImports(t *testing.T) {
	_, section, _ := strings.Cut(developmentPage(t), "\n## Code layout\n")
	section, _, _ = strings.Cut(section, "\n## ")
	allowed := map[string][]string{}
	row := regexp.MustCompile("(?m)^\\| `([^`]+)` \\| [^|]+ \\| ([^|]+) \\|$")
	quoted := regexp.MustCompile("`([^`]+)`")
	for _, m := range row.FindAllStringSubmatch(section, -1) {
		allowed[m[1]] = []string{}
		for _, q := range quoted.FindAllStringSubmatch(m[2], -1) {
			allowed[m[1]] = append(allowed[m[1]], q[1])
		}
	}
	forbidden := forbiddenForGenerator(t, section)
	pkgs := packages(t)
	if len(pkgs) < 10 || len(allowed) < 10 {
		t.Fatalf("found %d packages and %d table rows; the walk or the table in docs/development.md is broken", len(pkgs), len(allowed))
	}
	for dir, imports := range pkgs {
		may, listed := allowed[dir]
		if !listed {
			t.Errorf("package %s is not in the Code layout table of docs/development.md", dir)
			continue
		}
		delete(allowed, dir)
		for _, imp := range imports {
			ours, isOurs := strings.CutPrefix(imp, modulePath)
			switch {
			case isOurs && !slices.Contains(may, ours):
				t.Errorf("%s imports %s, which the Code layout of docs/development.md does not allow", dir, ours)
			case dir == "generator" && slices.Contains(forbidden, imp):
				t.Errorf("generator imports %s; the library does no I/O of its own", imp)
			}
		}
	}
	for dir := range allowed {
		t.Errorf("the Code layout of docs/development.md lists %s, which has no Go files", dir)
	}
}

// forbiddenForGenerator reads the sentence naming what the generator never imports.
func forbiddenForGenerator(t *testing.T, section string) []string {
	_, rest, found := strings.Cut(section, "`generator` never imports ")
	if !found {
		t.Fatal("the Code layout of docs/development.md does not say what generator never imports")
	}
	rest, _, _ = strings.Cut(rest, ":")
	var out []string
	for _, m := range regexp.MustCompile("`([^`]+)`").FindAllStringSubmatch(rest, -1) {
		out = append(out, m[1])
	}
	return out
}

// packages maps each directory of Go code in the repository, including the terraform and e2e modules,
// to what its non-test files import.
func packages(t *testing.T) map[string][]string {
	root := filepath.Join("..", "..")
	out := map[string][]string{}
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "testdata" || strings.HasPrefix(d.Name(), ".")) && path != root {
			return filepath.SkipDir
		}
		if !d.IsDir() {
			return nil
		}
		pkg, err := build.ImportDir(path, build.ImportComment)
		var none *build.NoGoError
		if err != nil && !errors.As(err, &none) {
			return err
		}
		if err == nil {
			rel, _ := filepath.Rel(root, path)
			out[filepath.ToSlash(rel)] = pkg.Imports
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func developmentPage(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "docs", "development.md"))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestEveryPackageTakesUpdate keeps the documented go test ./... -update working: a test binary that does not
// define -update refuses it, so every package with tests in the root and terraform modules imports internal/golden.
func TestEveryPackageTakesUpdate(t *testing.T) {
	root := filepath.Join("..", "..")
	checked := 0
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || !d.IsDir() {
			return err
		}
		if rel, _ := filepath.Rel(root, path); d.Name() == "testdata" || strings.HasPrefix(d.Name(), ".") && path != root || rel == "e2e" {
			return filepath.SkipDir
		}
		pkg, err := build.ImportDir(path, build.ImportComment)
		var none *build.NoGoError
		if errors.As(err, &none) || err == nil && len(pkg.TestGoFiles)+len(pkg.XTestGoFiles) == 0 {
			return nil
		} else if err != nil {
			return err
		}
		checked++
		if !slices.Contains(append(pkg.TestImports, pkg.XTestImports...), modulePath+"internal/golden") {
			t.Errorf("%s: its tests do not import internal/golden, so go test ./... -update fails there", path)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if checked < 10 {
		t.Errorf("checked only %d packages; the walk is broken", checked)
	}
}
