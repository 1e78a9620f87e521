package lock

import (
	"cmp"
	"strings"
)

// compareVersions orders versions as systemd-sysupdate does (strverscmp_improved in systemd's
// src/fundamental/string-util-fundamental.c), returning -1, 0 or 1, so latest resolves to the image sysupdate would pick.
func compareVersions(a, b string) int {
	i, j := 0, 0
	for {
		i, j = skipInvalid(a, i), skipInvalid(b, j)
		if at(a, i) == '~' || at(b, j) == '~' {
			// A '~' segment is a pre-release, older than anything else.
			if r := cmpBool(at(a, i) != '~', at(b, j) != '~'); r != 0 {
				return r
			}
			i, j = i+1, j+1
		}
		// The end of a string reads as a NUL byte, as in C.
		if at(a, i) == 0 || at(b, j) == 0 {
			return cmp.Compare(at(a, i), at(b, j))
		}
		// '-' separates version and release, '^' marks a patched release, '.' a point release;
		// at each, the string without the separator is the newer one.
		for _, sep := range []byte{'-', '^', '.'} {
			if at(a, i) == sep || at(b, j) == sep {
				if r := cmpBool(at(a, i) != sep, at(b, j) != sep); r != 0 {
					return r
				}
				i, j = i+1, j+1
			}
		}
		var r, ea, eb int
		if isDigit(at(a, i)) || isDigit(at(b, j)) {
			r, ea, eb = compareNumbers(a, i, b, j)
		} else {
			r, ea, eb = compareWords(a, i, b, j)
		}
		if r != 0 {
			return r
		}
		i, j = ea, eb
	}
}

// compareNumbers compares the digit runs at a[i:] and b[j:] by value, a missing run being the oldest.
func compareNumbers(a string, i int, b string, j int) (r, ea, eb int) {
	ea, eb = span(a, i, isDigit), span(b, j, isDigit)
	if r = cmpBool(ea != i, eb != j); r != 0 {
		return r, ea, eb
	}
	for at(a, i) == '0' {
		i++
	}
	for at(b, j) == '0' {
		j++
	}
	if r = cmp.Compare(ea-i, eb-j); r != 0 {
		return r, ea, eb
	}
	return strings.Compare(a[i:ea], b[j:eb]), ea, eb
}

// compareWords compares the letter runs at a[i:] and b[j:], a longer run with the same start being newer.
func compareWords(a string, i int, b string, j int) (r, ea, eb int) {
	ea, eb = span(a, i, isAlpha), span(b, j, isAlpha)
	n := min(ea-i, eb-j)
	if r = strings.Compare(a[i:i+n], b[j:j+n]); r != 0 {
		return r, ea, eb
	}
	return cmp.Compare(ea-i, eb-j), ea, eb
}

// skipInvalid drops what strverscmp_improved ignores: anything but letters, digits, '~', '-', '^' and '.'.
func skipInvalid(s string, i int) int {
	for i < len(s) && !isDigit(s[i]) && !isAlpha(s[i]) && !strings.ContainsRune("~-^.", rune(s[i])) {
		i++
	}
	return i
}

func span(s string, i int, in func(byte) bool) int {
	for i < len(s) && in(s[i]) {
		i++
	}
	return i
}

func at(s string, i int) byte {
	if i < len(s) {
		return s[i]
	}
	return 0
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

func isAlpha(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }

func cmpBool(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return 1
	}
	return -1
}
