package lock

import (
	"os"
	"regexp"
	"strings"
	"testing"
)

// TestReadmeExample locks the README's example spec against a fake bakery and expects the README's own output.
func TestReadmeExample(t *testing.T) {
	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	section := string(readme)[strings.Index(string(readme), "## Pinning images"):]
	blocks := regexp.MustCompile("(?s)```(?:yaml)?\n(.*?)```").FindAllStringSubmatch(section, 3)
	if len(blocks) != 3 {
		t.Fatal("README's lock section lost its before, output and after blocks")
	}
	before, output, after := blocks[0][1], blocks[1][1], blocks[2][1]
	b := newBakery(t, map[string]string{
		"/docker/SHA256SUMS":     sumsOf("docker-28.0.3-x86-64.raw", "docker-28.0.4-x86-64.raw"),
		"/kubernetes/SHA256SUMS": sumsOf("kubernetes-v1.32.9-x86-64.raw", "kubernetes-v1.32.10-x86-64.raw", "kubernetes-v1.33.1-x86-64.raw"),
	})
	head := "bakery_url: " + b.URL + "\n"
	res, rep := Lock("spec.yaml", []byte(head+before), fastClient(), nil)
	if len(rep) > 0 || res == nil {
		t.Fatalf("lock failed:\n%v", rep)
	}
	placeholder := regexp.MustCompile("[0-9a-f]{64}")
	got := placeholder.ReplaceAllString(strings.TrimPrefix(string(res.Spec), head), "<64 hex digits>")
	if got != after {
		t.Errorf("README shows the locked spec as\n%s\nlock writes\n%s", after, got)
	}
	var lines strings.Builder
	for _, c := range res.Changes {
		lines.WriteString(placeholder.ReplaceAllString(c.String(), "<64 hex digits>") + "\n")
	}
	if lines.String() != output {
		t.Errorf("README shows lock printing\n%s\nlock prints\n%s", output, lines.String())
	}
}
