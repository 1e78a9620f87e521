package lock

import (
	"bytes"
	"encoding/hex"
	"errors"
	"path"
	"strings"
	"unicode"
	"unicode/utf8"
)

// sums maps each file name in a SHA256SUMS list to its lower-case hex digest.
type sums map[string]string

// parseSums reads a SHA256SUMS list as systemd-sysupdate does, so lock refuses a list the node would refuse.
func parseSums(b []byte) (sums, error) {
	if bytes.IndexByte(b, 0) >= 0 || !utf8.Valid(b) {
		return nil, errors.New(whyNotText)
	}
	out := sums{}
	for n := 1; len(b) > 0; n++ {
		nl := bytes.IndexByte(b, '\n')
		if nl < 0 {
			return nil, errors.New(whyNoNewline(n))
		}
		file, sum, err := parseSumsLine(string(b[:nl]), n)
		if err != nil {
			return nil, err
		}
		if prev, dup := out[file]; dup && prev != sum {
			return nil, errors.New(whyTwice(file))
		}
		out[file] = sum
		b = b[nl+1:]
	}
	return out, nil
}

// parseSumsLine splits "DIGEST  FILE" (or "DIGEST *FILE") as sysupdate's resource_load_from_web does.
func parseSumsLine(line string, n int) (file, sum string, err error) {
	if len(line) < 67 || line[64] != ' ' || (line[65] != ' ' && line[65] != '*') || line[0] == '\\' {
		return "", "", errors.New(whyLine(n))
	}
	digest, file := line[:64], line[66:]
	if _, err := hex.DecodeString(digest); err != nil || strings.IndexFunc(file, unicode.IsControl) >= 0 {
		return "", "", errors.New(whyLine(n))
	}
	if path.IsAbs(file) || path.Clean(file) != file || file == "." || strings.HasPrefix(file, "../") || file == ".." {
		return "", "", errors.New(whyPath(n, file))
	}
	return file, strings.ToLower(digest), nil
}
