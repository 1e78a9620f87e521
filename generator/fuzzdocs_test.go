package generator

import (
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestFuzzTargetsDocumented keeps the README's fuzz command in step with the targets that exist,
// and CI's fuzz smoke finding every target itself.
func TestFuzzTargetsDocumented(t *testing.T) {
	files, err := filepath.Glob("*_test.go")
	if err != nil {
		t.Fatal(err)
	}
	decl := regexp.MustCompile(`(?m)^func (Fuzz\w+)\(`)
	var targets []string
	for _, f := range files {
		for _, m := range decl.FindAllStringSubmatch(string(readFile(t, f)), -1) {
			targets = append(targets, m[1])
		}
	}
	if len(targets) == 0 {
		t.Fatal("no fuzz targets found")
	}
	readmeCmd := lineWith(string(readFile(t, "../README.md")), "for t in ")
	ciLoop := lineWith(string(readFile(t, "../.ci/run")), "for target in ")
	if !strings.Contains(ciLoop, `-list '^Fuzz'`) {
		t.Errorf(".ci/run's fuzz smoke %q does not find the targets with go test -list", ciLoop)
	}
	for _, target := range targets {
		if !strings.Contains(readmeCmd, " "+target+" ") && !strings.Contains(readmeCmd, " "+target+";") {
			t.Errorf("README's fuzz command %q does not run %s", readmeCmd, target)
		}
	}
}

// lineWith returns the first line holding marker, or "".
func lineWith(text, marker string) string {
	for _, line := range strings.Split(text, "\n") {
		if strings.Contains(line, marker) {
			return line
		}
	}
	return ""
}
