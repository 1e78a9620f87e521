package generator

import "gopkg.in/yaml.v3"

// Bool is a YAML boolean with the position it was read from, so checks can point at a switch that was turned on.
type Bool struct {
	Value bool
	Pos   Pos
}

// boolean accepts only YAML booleans, so "yes" in quotes is caught rather than read as false.
func (d decoder) boolean(v *yaml.Node, key string) Bool {
	var b bool
	if v.Kind != yaml.ScalarNode || v.Tag != "!!bool" || v.Decode(&b) != nil {
		d.errorAt(v, msgWantBool(key, kindName(v)))
		return Bool{Pos: posOf(v)}
	}
	return Bool{Value: b, Pos: posOf(v)}
}
