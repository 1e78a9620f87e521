package lock

import (
	"bytes"
	"errors"
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/sysext-ign/sysext-ign/internal/yamltree"
	"gopkg.in/yaml.v3"
)

// edit is what lock writes into one extension.
type edit struct {
	ext     int    // index in extensions:
	version string // the resolved version; "" keeps the written one
	hash    string
}

// patch replaces src[start:end] with text.
type patch struct {
	start, end int
	text       string
}

// anchorKeys are the keys hash: is written after, in order of preference, so it lands beside the version.
var anchorKeys = []string{"version", "source", "name"}

var bom = []byte("\xef\xbb\xbf")

// splice writes the edits into src at the nodes' positions, leaving every other byte as it was, and
// re-decodes the result to prove that it holds exactly the intended YAML tree.
func splice(src []byte, edits []edit) ([]byte, error) {
	body, hadBOM := bytes.CutPrefix(src, bom)
	doc, err := parseYAML(body)
	if err != nil {
		return nil, err
	}
	lines := yamltree.LineStarts(body)
	var patches []patch
	anchors := make([]int, len(edits))
	for i, e := range edits {
		m, err := extensionNode(doc, e.ext)
		if err != nil {
			return nil, err
		}
		p, anchor, err := editPatches(body, lines, m, e)
		if err != nil {
			return nil, err
		}
		patches, anchors[i] = append(patches, p...), anchor
	}
	out, err := apply(body, patches)
	if err != nil {
		return nil, err
	}
	if err := verify(body, out, edits, anchors); err != nil {
		return nil, err
	}
	if hadBOM {
		out = append(append([]byte(nil), bom...), out...)
	}
	return out, nil
}

// editPatches turns one edit into patches; anchor is the index of the key hash: follows.
func editPatches(src []byte, lines []int, m *yaml.Node, e edit) ([]patch, int, error) {
	flow := m.Style&yaml.FlowStyle != 0
	var out []patch
	if e.version != "" {
		v := yamltree.ValueOf(m, "version")
		start, end, ok := scalarSpan(src, lines, v)
		if !ok {
			return nil, 0, fmt.Errorf("the version of the extension on line %d is not a plain or quoted scalar", m.Line)
		}
		out = append(out, patch{start, end, renderScalar(e.version, v.Style, flow)})
	}
	anchor, end, ok := findAnchor(src, lines, m)
	if !ok {
		return nil, 0, fmt.Errorf("the extension on line %d has no plain or quoted value to put hash: after", m.Line)
	}
	hash := "hash: " + renderScalar(e.hash, 0, flow)
	if flow {
		return append(out, patch{end, end, ", " + hash}), anchor, nil
	}
	indent := strings.Repeat(" ", m.Content[0].Column-1)
	at, text := afterLine(src, end, indent+hash)
	return append(out, patch{at, at, text}), anchor, nil
}

// findAnchor picks the key hash: goes after: the first of anchorKeys, else any key, with a scalar value whose end is known.
func findAnchor(src []byte, lines []int, m *yaml.Node) (index, end int, ok bool) {
	order := make([]int, 0, len(m.Content)/2)
	for _, k := range anchorKeys {
		for i := 0; i+1 < len(m.Content); i += 2 {
			if m.Content[i].Value == k {
				order = append(order, i)
			}
		}
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		order = append(order, i)
	}
	for _, i := range order {
		if _, end, ok := scalarSpan(src, lines, m.Content[i+1]); ok {
			return i, end, true
		}
	}
	return 0, 0, false
}

// afterLine places text on a new line after the line holding offset, with that line's ending; on the last line,
// with the file's first line ending.
func afterLine(src []byte, offset int, text string) (int, string) {
	for i := offset; i < len(src); i++ {
		if n := yamltree.BreakAt(src, i); n > 0 {
			return i + n, text + string(src[i:i+n])
		}
	}
	eol := "\n"
	for i := range src {
		if n := yamltree.BreakAt(src, i); n > 0 {
			eol = string(src[i : i+n])
			break
		}
	}
	return len(src), eol + text
}

// scalarSpan finds the bytes of a plain or quoted scalar from its position, so it can be replaced exactly.
func scalarSpan(src []byte, lines []int, n *yaml.Node) (start, end int, ok bool) {
	if n == nil || n.Kind != yaml.ScalarNode {
		return 0, 0, false
	}
	start, ok = offsetOf(src, lines, n.Line, n.Column)
	if !ok {
		return 0, 0, false
	}
	switch n.Style {
	case 0:
		end = start + len(n.Value)
		return start, end, n.Value != "" && end <= len(src) && string(src[start:end]) == n.Value
	case yaml.SingleQuotedStyle, yaml.DoubleQuotedStyle:
		end, ok = quoteEnd(src, start)
		return start, end, ok
	}
	return 0, 0, false
}

// quoteEnd finds the byte after the closing quote of the scalar opened at src[start].
func quoteEnd(src []byte, start int) (int, bool) {
	if start >= len(src) || (src[start] != '\'' && src[start] != '"') {
		return 0, false
	}
	q := src[start]
	for i := start + 1; i < len(src); i++ {
		switch {
		case q == '"' && src[i] == '\\':
			i++
		case src[i] == q && q == '\'' && i+1 < len(src) && src[i+1] == '\'':
			i++
		case src[i] == q:
			return i + 1, true
		}
	}
	return 0, false
}

// renderScalar writes a string scalar with yaml.v3, keeping the quote style the user chose where it can.
func renderScalar(value string, style yaml.Style, flow bool) string {
	style &= yaml.SingleQuotedStyle | yaml.DoubleQuotedStyle
	if flow && style == 0 && strings.ContainsAny(value, ",[]{}") {
		style = yaml.DoubleQuotedStyle
	}
	out, err := yaml.Marshal(&yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: value, Style: style})
	if err != nil {
		panic("sysext-ign: encoding a scalar failed: " + err.Error())
	}
	return strings.TrimSuffix(string(out), "\n")
}

// apply writes non-overlapping patches into a copy of src.
func apply(src []byte, patches []patch) ([]byte, error) {
	sort.SliceStable(patches, func(i, j int) bool { return patches[i].start < patches[j].start })
	var out bytes.Buffer
	last := 0
	for _, p := range patches {
		if p.start < last {
			return nil, errors.New("two edits overlap")
		}
		out.Write(src[last:p.start])
		out.WriteString(p.text)
		last = p.end
	}
	out.Write(src[last:])
	return out.Bytes(), nil
}

// verify re-decodes the edited spec and compares it with the original tree plus exactly the intended changes.
func verify(orig, out []byte, edits []edit, anchors []int) error {
	want, err := parseYAML(orig)
	if err != nil {
		return err
	}
	for i, e := range edits {
		m, err := extensionNode(want, e.ext)
		if err != nil {
			return err
		}
		if e.version != "" {
			v := yamltree.ValueOf(m, "version")
			v.Tag, v.Value = "!!str", e.version
		}
		pair := []*yaml.Node{
			{Kind: yaml.ScalarNode, Tag: "!!str", Value: "hash"},
			{Kind: yaml.ScalarNode, Tag: "!!str", Value: e.hash},
		}
		m.Content = append(m.Content[:anchors[i]+2], append(pair, m.Content[anchors[i]+2:]...)...)
	}
	got, err := parseYAML(out)
	if err != nil {
		return fmt.Errorf("the edited spec does not parse: %v", err)
	}
	if !sameTree(want, got) {
		return errors.New("the edited spec would not read back as intended")
	}
	return nil
}

// sameTree compares what YAML means, not how it is written.
func sameTree(a, b *yaml.Node) bool {
	if a.Kind != b.Kind || a.Tag != b.Tag || a.Value != b.Value || a.Anchor != b.Anchor || len(a.Content) != len(b.Content) {
		return false
	}
	for i := range a.Content {
		if !sameTree(a.Content[i], b.Content[i]) {
			return false
		}
	}
	return true
}

func parseYAML(src []byte) (*yaml.Node, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(src, &doc); err != nil {
		return nil, err
	}
	if doc.Kind != yaml.DocumentNode || len(doc.Content) != 1 || doc.Content[0].Kind != yaml.MappingNode {
		return nil, errors.New("the spec is not one YAML mapping")
	}
	return doc.Content[0], nil
}

// extensionNode finds the mapping of extensions[i], which the generator's checks have vouched for.
func extensionNode(root *yaml.Node, i int) (*yaml.Node, error) {
	list := yamltree.ValueOf(root, "extensions")
	if list == nil || list.Kind != yaml.SequenceNode || i >= len(list.Content) || list.Content[i].Kind != yaml.MappingNode {
		return nil, fmt.Errorf("extension %d is not a mapping", i+1)
	}
	return list.Content[i], nil
}

// offsetOf turns yaml.v3's 1-based line and column (counted in characters) into a byte offset.
func offsetOf(src []byte, lines []int, line, col int) (int, bool) {
	if line < 1 || line > len(lines) || col < 1 {
		return 0, false
	}
	i := lines[line-1]
	for c := 1; c < col; c++ {
		if i >= len(src) || yamltree.BreakAt(src, i) > 0 {
			return 0, false
		}
		_, size := utf8.DecodeRune(src[i:])
		i += size
	}
	return i, true
}
