package generator

import (
	"strings"

	"gopkg.in/yaml.v3"
)

// secretKey names the field of a Butane list's entries that holds a secret.
func secretKey(list string) string {
	switch list {
	case "http_headers":
		return "value"
	case "certificate_authorities":
		return "inline"
	}
	return ""
}

// masked copies a Butane tree with header values, CA contents and password hashes replaced,
// so debug output never leaks secrets.
func masked(n *yaml.Node) *yaml.Node { return maskUnder(n, "") }

func maskUnder(n *yaml.Node, key string) *yaml.Node {
	c := *n
	c.Content = make([]*yaml.Node, len(n.Content))
	for i, child := range n.Content {
		childKey := key
		if n.Kind == yaml.MappingNode && i%2 == 1 {
			childKey = n.Content[i-1].Value
		}
		c.Content[i] = maskUnder(child, childKey)
	}
	if n.Kind != yaml.MappingNode {
		return &c
	}
	for i := 0; i+1 < len(c.Content); i += 2 {
		k, v := c.Content[i].Value, c.Content[i+1]
		if k == secretKey(key) || k == "password_hash" || key == "certificate_authorities" && k == "source" && strings.HasPrefix(v.Value, "data:") {
			c.Content[i+1] = strNode("***")
		}
	}
	return &c
}
