package generator

import (
	"bytes"

	"gopkg.in/yaml.v3"
)

// The constructors below build yaml.Node trees, so no YAML is ever assembled from strings.

func mapNode(kv ...*yaml.Node) *yaml.Node {
	return &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Content: kv}
}

func seqNode(items []*yaml.Node) *yaml.Node {
	return &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq", Content: items}
}

func strNode(s string) *yaml.Node {
	n := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s}
	if len(s) > 0 && s[len(s)-1] == '\n' {
		n.Style = yaml.LiteralStyle
	}
	return n
}

func boolNode(b bool) *yaml.Node {
	v := "false"
	if b {
		v = "true"
	}
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!bool", Value: v}
}

// modeNode writes a file mode in octal, as people read them.
func modeNode(octal string) *yaml.Node {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!int", Value: octal}
}

// pair appends key: value to a mapping, skipping a nil value so optional keys stay out.
func pair(m *yaml.Node, key string, value *yaml.Node) {
	if value != nil {
		m.Content = append(m.Content, strNode(key), value)
	}
}

// encodeYAML renders a document with the two-space indent Butane's docs use.
func encodeYAML(doc *yaml.Node) []byte {
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(doc); err != nil {
		panic("sysext-ign: encoding a built YAML tree failed: " + err.Error())
	}
	if err := enc.Close(); err != nil {
		panic("sysext-ign: encoding a built YAML tree failed: " + err.Error())
	}
	return buf.Bytes()
}
