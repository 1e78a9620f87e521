package lock

import (
	"os"
	"regexp"
	"strings"
	"testing"
)

// TestDocumentedExample locks the example spec of docs/mirrors.md against a fake bakery and expects the page's own output.
func TestDocumentedExample(t *testing.T) {
	page, err := os.ReadFile("../docs/mirrors.md")
	if err != nil {
		t.Fatal(err)
	}
	section := string(page)[strings.Index(string(page), "## Pinning images"):]
	blocks := regexp.MustCompile("(?s)```(?:yaml[^\n]*)?\n(.*?)```").FindAllStringSubmatch(section, 3)
	if len(blocks) != 3 {
		t.Fatal("docs/mirrors.md's lock section lost its before, output and after blocks")
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
		t.Errorf("docs/mirrors.md shows the locked spec as\n%s\nlock writes\n%s", after, got)
	}
	var lines strings.Builder
	for _, c := range res.Changes {
		lines.WriteString(placeholder.ReplaceAllString(c.String(), "<64 hex digits>") + "\n")
	}
	if lines.String() != output {
		t.Errorf("docs/mirrors.md shows lock printing\n%s\nlock prints\n%s", output, lines.String())
	}
}
