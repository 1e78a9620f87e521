package generator

import (
	"bytes"
	"encoding/json"
)

// schemaNode is one JSON Schema (draft 2020-12) object; the field tables hold one per key, so the schema
// that editors use is made from the same rows the decoder reads.
type schemaNode struct {
	Schema               string                 `json:"$schema,omitempty"`
	Title                string                 `json:"title,omitempty"`
	Description          string                 `json:"description,omitempty"`
	Ref                  string                 `json:"$ref,omitempty"`
	Type                 any                    `json:"type,omitempty"`
	Enum                 []string               `json:"enum,omitempty"`
	Pattern              string                 `json:"pattern,omitempty"`
	MinLength            int                    `json:"minLength,omitempty"`
	MaxLength            int                    `json:"maxLength,omitempty"`
	MinItems             int                    `json:"minItems,omitempty"`
	MaxItems             int                    `json:"maxItems,omitempty"`
	MaxProperties        int                    `json:"maxProperties,omitempty"`
	Default              any                    `json:"default,omitempty"`
	Items                *schemaNode            `json:"items,omitempty"`
	PropertyNames        *schemaNode            `json:"propertyNames,omitempty"`
	AdditionalProperties any                    `json:"additionalProperties,omitempty"` // false, or the schema of every value
	Required             []string               `json:"required,omitempty"`
	Properties           map[string]*schemaNode `json:"properties,omitempty"`
	Not                  *schemaNode            `json:"not,omitempty"`
	AnyOf                []*schemaNode          `json:"anyOf,omitempty"`
	OneOf                []*schemaNode          `json:"oneOf,omitempty"`
	Defs                 map[string]*schemaNode `json:"$defs,omitempty"`
}

// Schema renders the JSON Schema of the spec format from the field tables; schema/sysext-ign.schema.json is a copy of it.
func Schema() []byte {
	root := object(specFields)
	root.Schema = "https://json-schema.org/draft/2020-12/schema"
	root.Title = "sysext-ign spec"
	root.Description = "A spec of the system extensions (sysext images) a Flatcar Container Linux node should have; " +
		"sysext-ign gen turns it into Ignition. sysext-ign validate also checks what a schema cannot: unique names, " +
		"headers only for http and https sources, and Butane's and Ignition's own validation."
	// A spec must ask for something (nothing-asked).
	for _, key := range askKeys {
		root.AnyOf = append(root.AnyOf, &schemaNode{Required: []string{key}, Properties: map[string]*schemaNode{key: {MinItems: 1}}})
	}
	ext := object(extensionFields)
	ext.Required = []string{"name"}
	ext.AnyOf = []*schemaNode{{Required: []string{"source"}}, {Required: []string{"version"}}} // source-or-version-missing
	root.Defs = map[string]*schemaNode{"extension": ext, "update": object(updateFields)}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(root); err != nil {
		panic("the spec's schema does not encode: " + err.Error()) // fixed types of strings, numbers and maps always encode
	}
	return b.Bytes()
}

// object is the schema of a mapping that takes exactly the keys of fields.
func object[T any](fields []field[T]) *schemaNode {
	n := &schemaNode{Type: "object", AdditionalProperties: false, Properties: map[string]*schemaNode{}}
	for _, f := range fields {
		p := f.schema
		p.Description = f.doc
		n.Properties[f.key] = &p
	}
	return n
}

// Small constructors keep the rows of the field tables short.

func stringOf(enum []string, def string) schemaNode {
	n := schemaNode{Type: "string", Enum: enum}
	if def != "" {
		n.Default = def
	}
	return n
}

func listOf(item schemaNode) schemaNode { return schemaNode{Type: "array", Items: &item} }
