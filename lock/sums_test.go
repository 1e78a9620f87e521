package lock

import (
	"maps"
	"strings"
	"testing"
)

var (
	hexA = strings.Repeat("a", 64)
	hexB = strings.Repeat("b", 64)
)

func TestParseSums(t *testing.T) {
	for _, c := range []struct {
		name, in string
		want     sums
		err      string
	}{
		{"text and binary markers", hexA + "  a.raw\n" + strings.ToUpper(hexB) + " *b.raw\n", sums{"a.raw": hexA, "b.raw": hexB}, ""},
		{"empty list", "", sums{}, ""},
		{"subfolder", hexA + "  sub/a.raw\n", sums{"sub/a.raw": hexA}, ""},
		{"same line twice", hexA + "  a.raw\n" + hexA + "  a.raw\n", sums{"a.raw": hexA}, ""},
		{"no final newline", hexA + "  a.raw", nil, "line 1 does not end in a newline"},
		{"blank line", hexA + "  a.raw\n\n", nil, `line 2 is not "<64 hex digits>  FILE"`},
		{"one space", hexA + " a.raw\n", nil, `line 1 is not`},
		{"short digest", hexA[:63] + "  a.raw\n", nil, `line 1 is not`},
		{"not hex", "g" + hexA[1:] + "  a.raw\n", nil, `line 1 is not`},
		{"empty file name", hexA + "  \n", nil, `line 1 is not`},
		{"escaped name", `\` + hexA + "  a\\nb.raw\n", nil, `line 1 is not`},
		{"CRLF", hexA + "  a.raw\r\n", nil, `line 1 is not`},
		{"absolute", hexA + "  /a.raw\n", nil, `line 1 names "/a.raw"`},
		{"dot-dot", hexA + "  ../a.raw\n", nil, `line 1 names "../a.raw"`},
		{"not normalised", hexA + "  a//b.raw\n", nil, `line 1 names "a//b.raw"`},
		{"twice, different hashes", hexA + "  a.raw\n" + hexB + "  a.raw\n", nil, `it lists "a.raw" twice with different hashes`},
		{"HTML page", "<html><body>Sign in</body></html>\n", nil, `line 1 is not`},
		{"NUL", hexA + "  a\x00.raw\n", nil, whyNotText},
		{"not UTF-8", hexA + "  a\xff.raw\n", nil, whyNotText},
	} {
		got := sums{}
		err := eachSum([]byte(c.in), func(file, digest []byte) { got[string(file)] = lowerHex(digest) })
		switch {
		case c.err == "" && err != nil:
			t.Errorf("%s: unexpected error %v", c.name, err)
		case c.err != "" && (err == nil || !strings.Contains(err.Error(), c.err)):
			t.Errorf("%s: error %v, want one containing %q", c.name, err, c.err)
		case c.err == "" && !maps.Equal(got, c.want):
			t.Errorf("%s: got %v, want %v", c.name, got, c.want)
		}
	}
}
