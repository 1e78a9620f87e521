package generator

import (
	"bytes"
	"errors"
	"io"
	"strconv"
	"unicode/utf8"

	"github.com/sysext-ign/sysext-ign/internal/lazy"
	"github.com/sysext-ign/sysext-ign/internal/yamltree"
	"gopkg.in/yaml.v3"
)

// MaxSpecBytes bounds the work a spec can cause; real specs are a few kilobytes.
const MaxSpecBytes = 1 << 20

var yamlLineErr = lazy.Regexp{Pattern: `^yaml: line (\d+): (.*)$`}

// decoder turns the YAML of a spec or a Butane file into values, reporting what does not fit where it is written.
type decoder struct{ *reporter }

// decodeSpec is the first step of generation: the spec's YAML in, the spec model out; nil means the YAML
// itself was unusable.
func decodeSpec(r *reporter, src []byte) *Spec { return decoder{r}.decode(src) }

// decode parses src into a Spec; nil means the YAML itself was unusable.
func (d decoder) decode(src []byte) *Spec {
	root := d.parse(src, specFile)
	if root == nil {
		return nil
	}
	if alias := findAlias(root); alias != nil {
		d.errorAt(alias, msgAlias)
		return nil
	}
	spec := &Spec{Pos: posOf(root)}
	mapping(d, root, "the spec", specFields.Get(), spec)
	return spec
}

// parse returns the top-level mapping node of a spec or a Butane file, or nil after reporting why there is none.
func (d decoder) parse(src []byte, s subject) *yaml.Node {
	if len(src) > MaxSpecBytes {
		d.add(Pos{}, msgTooLarge(s))
		return nil
	}
	src = bytes.TrimPrefix(src, []byte("\xef\xbb\xbf"))
	end, bad := badChar(src, s)
	if bad.code != "" {
		d.add(end, bad)
		return nil
	}
	d.end = end
	dec := yaml.NewDecoder(bytes.NewReader(src))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		d.yamlError(src, err, s)
		return nil
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); err == nil {
		// butane reads only the first document, so a second one would be lost without a word.
		d.add(posOf(&extra), msgManyDocuments(s))
		return nil
	} else if !errors.Is(err, io.EOF) {
		d.yamlError(src, err, s)
		return nil
	}
	root := doc.Content[0]
	if root.Kind == yaml.ScalarNode && root.Tag == "!!null" && root.Value == "" {
		// A bare "---" is an empty document; yaml.v3 places its null after the end of the input.
		d.add(Pos{}, msgEmpty(s))
		return nil
	}
	if root.Kind != yaml.MappingNode {
		d.errorAt(root, msgNotMapping(s, kindName(root)))
		return nil
	}
	return root
}

// yamlError turns a yaml.v3 error into a positioned diagnostic without exposing the library's type.
func (d decoder) yamlError(src []byte, err error, s subject) {
	if errors.Is(err, io.EOF) {
		d.add(Pos{}, msgEmpty(s))
		return
	}
	m := yamlLineErr.FindStringSubmatch(err.Error())
	if m == nil {
		d.add(Pos{}, msgYAML(err.Error()))
		return
	}
	line, _ := strconv.Atoi(m[1])
	if col := leadingTab(src, line); col > 0 {
		d.add(Pos{Line: line, Col: col}, msgTabIndent)
		return
	}
	// yaml.v3 gives a line and no column, so the diagnostic has none either.
	d.add(Pos{Line: breakingLine(src, line, err.Error())}, msgYAML(m[2]))
}

// breakingLine finds the line that breaks a block, since yaml.v3 reports the block's first line instead, as it does for
// a mis-indented list item.
func breakingLine(src []byte, reported int, msg string) int {
	starts := yamltree.LineStarts(src)
	prefix := func(lines int) []byte {
		if lines >= len(starts) {
			return src
		}
		return src[:starts[lines]]
	}
	fails := func(lines int) bool {
		err := yamlErr(prefix(lines))
		return err != nil && err.Error() == msg
	}
	// The line is the first up to which the YAML fails with the same error, while one line fewer parses; a binary
	// search bounds the work to a few parses, as each may read 1 MiB.
	lo, hi := reported, len(starts)
	for hi-lo > 1 {
		if mid := (lo + hi) / 2; fails(mid) {
			hi = mid
		} else {
			lo = mid
		}
	}
	if hi > reported && hi <= len(starts) && fails(hi) && yamlErr(prefix(hi-1)) == nil {
		return hi
	}
	return reported // no such line
}

// yamlErr is the first error yaml.v3 finds in src, reading every document as parse does.
func yamlErr(src []byte) error {
	dec := yaml.NewDecoder(bytes.NewReader(src))
	for {
		var n yaml.Node
		if err := dec.Decode(&n); errors.Is(err, io.EOF) {
			return nil
		} else if err != nil {
			return err
		}
	}
}

// leadingTab finds a tab in the indentation of a line, the usual cause of YAML's vaguest error.
func leadingTab(src []byte, line int) int {
	starts := yamltree.LineStarts(src)
	for _, l := range []int{line - 1, line - 2} {
		if l < 0 || l >= len(starts) {
			continue
		}
		for i, c := range src[starts[l]:] {
			if c == '\t' {
				return i + 1
			}
			if c != ' ' {
				break
			}
		}
	}
	return 0
}

// badChar locates the first byte that is not UTF-8 or is a character YAML refuses, since yaml.v3 gives no position
// for either.
func badChar(src []byte, s subject) (Pos, problem) {
	p := Pos{Line: 1, Col: 1}
	for i := 0; i < len(src); {
		r, size := utf8.DecodeRune(src[i:])
		switch {
		case r == utf8.RuneError && size <= 1:
			return p, msgNotUTF8(s)
		case !yamlAllows(r):
			return p, msgBadChar(r)
		}
		// Lines are counted as YAML counts them, so the position matches the ones yaml.v3 reports.
		if n := yamltree.BreakAt(src, i); n > 0 {
			i += n
			p = Pos{Line: p.Line + 1, Col: 1}
		} else {
			i += size
			p.Col++
		}
	}
	return p, problem{} // none: the position just past the input
}

// yamlAllows is YAML's printable character set, the one yaml.v3 enforces.
func yamlAllows(r rune) bool {
	switch {
	case r == '\t', r == '\n', r == '\r', r == 0x85:
		return true
	case r >= 0x20 && r <= 0x7e, r >= 0xa0 && r <= 0xd7ff, r >= 0xe000 && r <= 0xfffd, r >= 0x10000 && r <= 0x10ffff:
		return true
	}
	return false
}

// findAlias refuses aliases up front, so no input can expand into unbounded work.
func findAlias(n *yaml.Node) *yaml.Node {
	return findNode(n, func(n *yaml.Node) bool { return n.Kind == yaml.AliasNode })
}

// findMergeKey finds a YAML merge key (<<), whose keys the merge of includes would not see.
func findMergeKey(n *yaml.Node) *yaml.Node {
	return findNode(n, func(n *yaml.Node) bool { return n.Kind == yaml.ScalarNode && n.Tag == "!!merge" })
}

// findNode returns the first node under n, in document order, that match accepts.
func findNode(n *yaml.Node, match func(*yaml.Node) bool) *yaml.Node {
	if match(n) {
		return n
	}
	for _, c := range n.Content {
		if a := findNode(c, match); a != nil {
			return a
		}
	}
	return nil
}
