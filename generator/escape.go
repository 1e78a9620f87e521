package generator

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// EscapeText writes each character of s that a terminal or editor would act on rather than show (C0 and C1
// controls, line breaks, bidi and other format characters, bytes that are not UTF-8) as a Go escape such as
// \x1b, \n or \u202e, so a file name, key, value or library message cannot recolour, clear or forge output.
func EscapeText(s string) string {
	if strings.IndexFunc(s, unsafeRune) < 0 {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\t':
			b.WriteString(`\t`)
		case r < 0x80 && unsafeRune(r):
			fmt.Fprintf(&b, `\x%02x`, r)
		case unsafeRune(r):
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

// unsafeRune tells the characters EscapeText escapes; invalid UTF-8 decodes to RuneError, which is escaped too.
func unsafeRune(r rune) bool {
	return unicode.IsControl(r) || unicode.Is(unicode.Cf, r) || r == '\u2028' || r == '\u2029' || r == utf8.RuneError
}
