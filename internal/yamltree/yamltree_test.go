package yamltree

import (
	"slices"
	"testing"

	"gopkg.in/yaml.v3"
)

// TestLineStartsAgreesWithYAML checks every kind of line break against the line yaml.v3 reports for a key after it.
func TestLineStartsAgreesWithYAML(t *testing.T) {
	for _, eol := range []string{"\n", "\r", "\r\n", "\u0085", "\u2028", "\u2029"} {
		src := []byte("# one" + eol + "# two" + eol + "key: value" + eol)
		var doc yaml.Node
		if err := yaml.Unmarshal(src, &doc); err != nil {
			t.Fatalf("%q: %v", eol, err)
		}
		key := doc.Content[0].Content[0]
		starts := LineStarts(src)
		if key.Line > len(starts) || string(src[starts[key.Line-1]:starts[key.Line-1]+3]) != "key" {
			t.Errorf("line break %q: yaml.v3 puts key on line %d, LineStarts %v does not", eol, key.Line, starts)
		}
	}
	if got := LineStarts([]byte("a\r\nb")); !slices.Equal(got, []int{0, 3}) {
		t.Errorf("CRLF counted as %v, want one break", got)
	}
}
