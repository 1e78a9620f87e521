package generator

import (
	"github.com/coreos/vcontext/path"
	"github.com/coreos/vcontext/tree"
	"gopkg.in/yaml.v3"
)

// contextTree gives the lines and columns of a Butane tree in the form Butane places its findings by, built as
// vcontext's yaml package builds it from a file's text, but from the tree already parsed.
func contextTree(n *yaml.Node) tree.Node {
	m := tree.Marker{StartP: &tree.Pos{Line: int64(n.Line), Column: int64(n.Column)}}
	switch n.Kind {
	case 0:
		return nil
	case yaml.DocumentNode:
		if len(n.Content) == 0 {
			return nil
		}
		return contextTree(n.Content[0])
	case yaml.MappingNode:
		out := tree.MapNode{Marker: m, Children: make(map[string]tree.Node, len(n.Content)/2), Keys: make(map[string]tree.Leaf, len(n.Content)/2)}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k := n.Content[i]
			out.Keys[k.Value] = tree.Leaf{Marker: tree.Marker{StartP: &tree.Pos{Line: int64(k.Line), Column: int64(k.Column)}}}
			out.Children[k.Value] = contextTree(n.Content[i+1])
		}
		return out
	case yaml.SequenceNode:
		out := tree.SliceNode{Marker: m, Children: make([]tree.Node, 0, len(n.Content))}
		for _, c := range n.Content {
			out.Children = append(out.Children, contextTree(c))
		}
		return out
	}
	return tree.Leaf{Marker: m}
}

// placed finds the node a finding's path leads to in the tree, or the deepest node on the way when the path
// goes further than the tree, as Butane's report.Correlate does on the tree contextTree builds.
func placed(n *yaml.Node, p path.ContextPath) *yaml.Node {
	if n.Kind == yaml.DocumentNode && len(n.Content) > 0 {
		n = n.Content[0]
	}
	for _, part := range p.Path {
		next := step(n, part)
		if next == nil {
			break
		}
		n = next
	}
	return n
}

// step follows one part of a path: a key's value, a key itself (tree.Key), or a list item.
func step(n *yaml.Node, part any) *yaml.Node {
	switch n.Kind {
	case yaml.MappingNode:
		var found *yaml.Node // the last of equal keys, as a map built from the keys in order keeps
		for i := 0; i+1 < len(n.Content); i += 2 {
			switch part := part.(type) {
			case string:
				if n.Content[i].Value == part {
					found = n.Content[i+1]
				}
			case tree.Key:
				if n.Content[i].Value == string(part) {
					found = n.Content[i]
				}
			}
		}
		return found
	case yaml.SequenceNode:
		if i, ok := part.(int); ok && i >= 0 && i < len(n.Content) {
			return n.Content[i]
		}
	}
	return nil
}
