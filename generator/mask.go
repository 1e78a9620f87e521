package generator

import "gopkg.in/yaml.v3"

// masked copies a Butane tree with every http_headers value replaced, so debug output never leaks secrets.
func masked(n *yaml.Node) *yaml.Node {
	c := *n
	c.Content = make([]*yaml.Node, len(n.Content))
	for i, child := range n.Content {
		c.Content[i] = masked(child)
	}
	if n.Kind == yaml.MappingNode && isHeader(n) {
		for i := 0; i+1 < len(c.Content); i += 2 {
			if c.Content[i].Value == "value" {
				c.Content[i+1] = strNode("***")
			}
		}
	}
	return &c
}

// isHeader recognises an http_headers entry by its exact keys.
func isHeader(n *yaml.Node) bool {
	return len(n.Content) == 4 && n.Content[0].Value == "name" && n.Content[2].Value == "value"
}
