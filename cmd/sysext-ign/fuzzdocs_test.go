package main

import (
	"cmp"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// repoRoot is the repository's top directory, seen from this package.
const repoRoot = "../.."

// fuzzTargets finds every fuzz target in the repository as "dir:FuzzName", so a target in a new package is seen too;
// it fails on a target in a nested module, which CI's go list ./... does not reach.
func fuzzTargets(t *testing.T) []string {
	t.Helper()
	var targets []string
	err := filepath.WalkDir(repoRoot, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() && d.Name() == ".git" {
			return cmp.Or(err, filepath.SkipDir)
		}
		if d.IsDir() || !strings.HasSuffix(path, "_test.go") {
			return nil
		}
		file, err := parser.ParseFile(token.NewFileSet(), path, nil, parser.SkipObjectResolution)
		if err != nil {
			return err
		}
		dir, _ := filepath.Rel(repoRoot, filepath.Dir(path))
		for _, fn := range file.Decls {
			if name := funcName(fn); strings.HasPrefix(name, "Fuzz") {
				if module := nestedModule(dir); module != "" {
					t.Errorf("%s: fuzz target %s is in the module %s; CI fuzzes only the main module's packages", path, name, module)
				}
				targets = append(targets, filepath.ToSlash(dir)+":"+name)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(targets) == 0 {
		t.Fatal("no fuzz targets found; the test would prove nothing")
	}
	slices.Sort(targets)
	return targets
}

// nestedModule returns the directory of the go.mod below the repository root that holds dir, or "".
func nestedModule(dir string) string {
	for d := dir; d != "." && d != string(filepath.Separator); d = filepath.Dir(d) {
		if _, err := os.Stat(filepath.Join(repoRoot, d, "go.mod")); err == nil {
			return d
		}
	}
	return ""
}

// funcName is the name of a top-level function declaration, or "" for methods and other declarations.
func funcName(decl ast.Decl) string {
	if fn, ok := decl.(*ast.FuncDecl); ok && fn.Recv == nil {
		return fn.Name.Name
	}
	return ""
}

// TestFuzzTargetsDocumented keeps the fuzz command in docs/development.md running every target in the repository, and only those,
// and CI's fuzz smoke finding the targets itself rather than from a list.
func TestFuzzTargetsDocumented(t *testing.T) {
	targets := fuzzTargets(t)
	documentedLine := lineWith(t, "docs/development.md", "for t in ")
	words, _, _ := strings.Cut(strings.TrimPrefix(strings.TrimSpace(documentedLine), "for t in "), ";")
	documented := strings.Fields(words)
	slices.Sort(documented)
	if !slices.Equal(documented, targets) {
		t.Errorf("docs/development.md's fuzz command runs %v; the repository's fuzz targets are %v", documented, targets)
	}
	if ci := lineWith(t, ".ci/run", "for target in "); !strings.Contains(ci, `-list '^Fuzz'`) {
		t.Errorf(".ci/run's fuzz smoke %q does not find the targets with go test -list", ci)
	}
}

// lineWith returns the first line of the repository file name that holds marker.
func lineWith(t *testing.T, name, marker string) string {
	t.Helper()
	text, err := os.ReadFile(filepath.Join(repoRoot, name))
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(text), "\n") {
		if strings.Contains(line, marker) {
			return line
		}
	}
	t.Fatalf("%s has no line with %q", name, marker)
	return ""
}
