// Package yamltree holds what the generator and lock both need to know about yaml.v3's trees and sources,
// so the two count lines and look up keys the same way.
package yamltree

import "gopkg.in/yaml.v3"

// BreakAt gives the length in bytes of the line break starting at src[i], or 0 if none starts there, counting as
// yaml.v3 does so that positions agree with the ones it reports.
func BreakAt(src []byte, i int) int {
	// LF, CR, CRLF (one break), NEL, and the separators U+2028 and U+2029.
	switch {
	case i >= len(src):
		return 0
	case src[i] == '\n':
		return 1
	case src[i] == '\r':
		if i+1 < len(src) && src[i+1] == '\n' {
			return 2
		}
		return 1
	case src[i] == 0xc2 && i+1 < len(src) && src[i+1] == 0x85:
		return 2
	case src[i] == 0xe2 && i+2 < len(src) && src[i+1] == 0x80 && (src[i+2] == 0xa8 || src[i+2] == 0xa9):
		return 3
	}
	return 0
}

// LineStarts indexes the byte offset of each line, as yaml.v3 numbers them from 1.
func LineStarts(src []byte) []int {
	starts := []int{0}
	for i := 0; i < len(src); {
		if n := BreakAt(src, i); n > 0 {
			i += n
			starts = append(starts, i)
		} else {
			i++
		}
	}
	return starts
}

// ValueOf returns the value of key in mapping m, or nil when m has no such key.
func ValueOf(m *yaml.Node, key string) *yaml.Node {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i+1]
		}
	}
	return nil
}
