package lock

import (
	"bytes"
	"errors"
	"path"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// sums maps each file name in a SHA256SUMS list to its lower-case hex digest.
type sums map[string]string

// eachSum reads a SHA256SUMS list as systemd-sysupdate does, passing each line's file and digest to fn, so that lock
// refuses a list the node would refuse.
func eachSum(b []byte, fn func(file, digest []byte)) error {
	if bytes.IndexByte(b, 0) >= 0 || !utf8.Valid(b) {
		return errors.New(whyNotText)
	}
	// Only each line's place is kept, to find a file listed twice, so a list costs little more than its own bytes
	// however many lines it has.
	var lines []lineSpan
	for n, off := 1, 0; off < len(b); n++ {
		nl := bytes.IndexByte(b[off:], '\n')
		if nl < 0 {
			return errors.New(whyNoNewline(n))
		}
		file, digest, err := parseSumsLine(b[off:off+nl], n)
		if err != nil {
			return err
		}
		lines = append(lines, lineSpan{uint32(off), uint32(off + nl)})
		fn(file, digest)
		off += nl + 1
	}
	return listedTwice(b, lines)
}

// lineSpan is where one line lies in a list, without its newline.
type lineSpan struct{ start, end uint32 }

// listedTwice finds a file that two lines give different digests, by sorting the lines by file name.
func listedTwice(b []byte, lines []lineSpan) error {
	file := func(s lineSpan) []byte { return b[s.start+66 : s.end] }
	slices.SortFunc(lines, func(x, y lineSpan) int { return bytes.Compare(file(x), file(y)) })
	for i := 1; i < len(lines); i++ {
		x, y := lines[i-1], lines[i]
		if bytes.Equal(file(x), file(y)) && !bytes.EqualFold(b[x.start:x.start+64], b[y.start:y.start+64]) {
			return errors.New(whyTwice(string(file(x))))
		}
	}
	return nil
}

// parseSumsLine splits "DIGEST  FILE" (or "DIGEST *FILE") as sysupdate's resource_load_from_web does.
func parseSumsLine(line []byte, n int) (file, digest []byte, err error) {
	if len(line) < 67 || line[64] != ' ' || (line[65] != ' ' && line[65] != '*') || line[0] == '\\' {
		return nil, nil, errors.New(whyLine(n))
	}
	digest, file = line[:64], line[66:]
	if !isHex(digest) || bytes.IndexFunc(file, unicode.IsControl) >= 0 {
		return nil, nil, errors.New(whyLine(n))
	}
	if name := string(file); path.IsAbs(name) || path.Clean(name) != name || name == "." || strings.HasPrefix(name, "../") || name == ".." {
		return nil, nil, errors.New(whyPath(n, name))
	}
	return file, digest, nil
}

func isHex(b []byte) bool {
	for _, c := range b {
		if !isDigit(c) && !('a' <= c && c <= 'f') && !('A' <= c && c <= 'F') {
			return false
		}
	}
	return true
}

// lowerHex is a digest as hash: writes it.
func lowerHex(digest []byte) string { return strings.ToLower(string(digest)) }
