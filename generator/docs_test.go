package generator

import (
	"os"
	"strings"
	"testing"
)

// TestReadmeKeys keeps the README's spec reference in step with the keys the decoder accepts.
func TestReadmeKeys(t *testing.T) {
	readme := string(readFile(t, "../README.md"))
	for _, key := range append(append(keysOf(specFields), keysOf(extensionFields)...), keysOf(updateFields)...) {
		if !strings.Contains(readme, "| `"+key+"` |") {
			t.Errorf("README's spec reference has no row for %q", key)
		}
	}
}

// TestReadmeExample keeps the README's worked example equal to the fixture it quotes.
func TestReadmeExample(t *testing.T) {
	readme := string(readFile(t, "../README.md"))
	for _, f := range []string{"spec.yaml", "want.ign"} {
		b, err := os.ReadFile("../fixtures/docs-today/" + f)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(readme, string(b)) {
			t.Errorf("README's worked example does not match fixtures/docs-today/%s", f)
		}
	}
}
