package generator

import (
	"fmt"

	"gopkg.in/yaml.v3"
)

// field is one accepted key of a mapping; the tables below are the single list of keys the spec knows.
type field[T any] struct {
	key    string
	decode func(d decoder, v *yaml.Node, into *T)
}

var specFields = []field[Spec]{
	{"butane_version", func(d decoder, v *yaml.Node, s *Spec) { s.ButaneVersion = d.str(v, "butane_version") }},
	{"arch", func(d decoder, v *yaml.Node, s *Spec) { s.Arch = d.str(v, "arch") }},
	{"bakery_url", func(d decoder, v *yaml.Node, s *Spec) { s.BakeryURL = d.str(v, "bakery_url") }},
	{"disable_method", func(d decoder, v *yaml.Node, s *Spec) { s.DisableMethod = d.str(v, "disable_method") }},
	{"disable", func(d decoder, v *yaml.Node, s *Spec) { s.Disable = d.strList(v, "disable") }},
	{"extensions", func(d decoder, v *yaml.Node, s *Spec) { s.Extensions = d.extensions(v) }},
	{"flatcar_extensions", func(d decoder, v *yaml.Node, s *Spec) { s.Official = d.officials(v) }},
	{"headers", func(d decoder, v *yaml.Node, s *Spec) { s.Headers = d.headers(v) }},
	{"ca", func(d decoder, v *yaml.Node, s *Spec) { s.CA = d.strList(v, "ca") }},
	{"include", func(d decoder, v *yaml.Node, s *Spec) { s.Include = d.strList(v, "include") }},
	{"update_keyring", func(d decoder, v *yaml.Node, s *Spec) { s.Keyring = d.str(v, "update_keyring") }},
	{"ignore_warnings", func(d decoder, v *yaml.Node, s *Spec) { s.Ignore = d.strList(v, "ignore_warnings") }},
	{"update_timer", func(d decoder, v *yaml.Node, s *Spec) { s.UpdateTimer = d.boolean(v, "update_timer") }},
}

var extensionFields = []field[Extension]{
	{"name", func(d decoder, v *yaml.Node, e *Extension) { e.Name = d.str(v, "name") }},
	{"source", func(d decoder, v *yaml.Node, e *Extension) { e.Source = d.str(v, "source") }},
	{"version", func(d decoder, v *yaml.Node, e *Extension) { e.Version = d.text(v, "version") }},
	{"arch", func(d decoder, v *yaml.Node, e *Extension) { e.Arch = d.str(v, "arch") }},
	{"hash", func(d decoder, v *yaml.Node, e *Extension) { e.Hash = d.str(v, "hash") }},
	{"headers", func(d decoder, v *yaml.Node, e *Extension) { e.Headers = d.headers(v) }},
	{"update", func(d decoder, v *yaml.Node, e *Extension) { e.Update = d.update(v) }},
}

var updateFields = []field[Update]{
	{"series", func(d decoder, v *yaml.Node, u *Update) { u.Series = d.text(v, "series") }},
	{"source", func(d decoder, v *yaml.Node, u *Update) { u.Source = d.str(v, "update source") }},
	{"action", func(d decoder, v *yaml.Node, u *Update) { u.Action = d.str(v, "update action") }},
	{"restart", func(d decoder, v *yaml.Node, u *Update) { u.Restart = d.strList(v, "update restart") }},
	{"verify", func(d decoder, v *yaml.Node, u *Update) { u.Verify = d.boolean(v, "verify") }},
}

var officialFields = []field[Official]{
	{"name", func(d decoder, v *yaml.Node, o *Official) { o.Name = d.str(v, "name") }},
	{"since", func(d decoder, v *yaml.Node, o *Official) { o.Since = d.text(v, "since") }},
}

// mapping decodes the keys of n through fields, reporting duplicates and unknown keys.
func mapping[T any](d decoder, n *yaml.Node, what string, fields []field[T], into *T) {
	if n.Kind != yaml.MappingNode {
		d.errorAt(n, msgWantMapping(what, kindName(n)))
		return
	}
	seen := make(map[string]int, len(n.Content)/2)
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			d.errorAt(k, msgComplexKey)
			continue
		}
		if first, dup := seen[k.Value]; dup {
			d.errorAt(k, msgDuplicateKey(k.Value, first))
			continue
		}
		seen[k.Value] = k.Line
		f := lookup(fields, k.Value)
		if f == nil {
			d.errorAt(k, msgUnknownKey(k.Value, what, keysOf(fields)))
			continue
		}
		f.decode(d, v, into)
	}
}

func lookup[T any](fields []field[T], key string) *field[T] {
	for i := range fields {
		if fields[i].key == key {
			return &fields[i]
		}
	}
	return nil
}

func keysOf[T any](fields []field[T]) []string {
	keys := make([]string, len(fields))
	for i, f := range fields {
		keys[i] = f.key
	}
	return keys
}

// str accepts only YAML strings, so a bare number or boolean is caught as the typo it usually is.
func (d decoder) str(v *yaml.Node, key string) Str {
	if v.Kind != yaml.ScalarNode || v.Tag != "!!str" {
		d.errorAt(v, msgWantString(key, kindName(v)))
		return Str{Pos: posOf(v), Bad: true}
	}
	return Str{Value: v.Value, Pos: posOf(v)}
}

// textTags are the scalars text takes as written; !!binary and custom tags are refused, since their text is not their value.
var textTags = map[string]bool{"!!str": true, "!!int": true, "!!float": true, "!!timestamp": true}

// text accepts a string, number or date scalar as written, so version: 1.10 stays "1.10".
func (d decoder) text(v *yaml.Node, key string) Str {
	if v.Kind != yaml.ScalarNode || !textTags[v.Tag] {
		d.errorAt(v, msgWantString(key, kindName(v)))
		return Str{Pos: posOf(v), Bad: true}
	}
	return Str{Value: v.Value, Pos: posOf(v)}
}

func (d decoder) strList(v *yaml.Node, key string) []Str {
	if v.Kind != yaml.SequenceNode {
		d.errorAt(v, msgWantList(key, kindName(v)))
		return nil
	}
	out := make([]Str, 0, len(v.Content))
	for _, item := range v.Content {
		if s := d.str(item, key+" item"); s.usable() {
			out = append(out, s)
		}
	}
	return out
}

func (d decoder) extensions(v *yaml.Node) []Extension {
	if v.Kind != yaml.SequenceNode {
		d.errorAt(v, msgWantList("extensions", kindName(v)))
		return nil
	}
	out := make([]Extension, 0, len(v.Content))
	for _, item := range v.Content {
		if item.Kind != yaml.MappingNode {
			// Checking a non-mapping for a name and a version would only repeat this one mistake.
			d.errorAt(item, msgWantMapping("an extension", kindName(item)))
			continue
		}
		e := Extension{Pos: posOf(item)}
		mapping(d, item, "an extension", extensionFields, &e)
		out = append(out, e)
	}
	return out
}

// officials accepts names, and {name, since} mappings for a name newer than the table.
func (d decoder) officials(v *yaml.Node) []Official {
	if v.Kind != yaml.SequenceNode {
		d.errorAt(v, msgWantList("flatcar_extensions", kindName(v)))
		return nil
	}
	out := make([]Official, 0, len(v.Content))
	for _, item := range v.Content {
		o := Official{Pos: posOf(item)}
		switch {
		case item.Kind == yaml.MappingNode:
			mapping(d, item, "a flatcar_extensions item", officialFields, &o)
			if !o.Name.IsSet() {
				d.errorAt(item, msgOfficialNameMissing)
			}
		case item.Kind == yaml.ScalarNode:
			o.Name = d.str(item, "flatcar_extensions item")
		default:
			d.errorAt(item, msgWantOfficial(kindName(item)))
		}
		if o.Name.usable() {
			out = append(out, o)
		}
	}
	return out
}

// update accepts true, false, or a mapping of series and source.
func (d decoder) update(v *yaml.Node) *Update {
	switch {
	case v.Kind == yaml.ScalarNode && v.Tag == "!!bool":
		if v.Value == "false" || v.Value == "False" || v.Value == "FALSE" {
			return nil
		}
		return &Update{Pos: posOf(v)}
	case v.Kind == yaml.MappingNode:
		u := &Update{Pos: posOf(v)}
		mapping(d, v, "update", updateFields, u)
		return u
	}
	d.errorAt(v, msgUpdateType(kindName(v)))
	return nil
}

// headers keeps the written order; the builder sorts them so output does not depend on it.
func (d decoder) headers(v *yaml.Node) []Header {
	if v.Kind != yaml.MappingNode {
		d.errorAt(v, msgWantMapping("headers", kindName(v)))
		return nil
	}
	out := make([]Header, 0, len(v.Content)/2)
	for i := 0; i+1 < len(v.Content); i += 2 {
		k, val := v.Content[i], v.Content[i+1]
		name := d.str(k, "a header name")
		value := d.text(val, fmt.Sprintf("header %q", k.Value))
		if name.usable() && value.usable() {
			out = append(out, Header{Name: name, Value: value})
		}
	}
	return out
}

// kindName names a node's type the way a user would, for "must be a string, not a number".
func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.AliasNode:
		return "an alias"
	}
	switch n.Tag {
	case "!!int", "!!float":
		return "a number"
	case "!!bool":
		return "a boolean"
	case "!!null":
		return "empty"
	case "!!str":
		return "a string"
	}
	return fmt.Sprintf("a value tagged %q", n.Tag)
}
