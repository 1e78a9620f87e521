package generator

import (
	"bytes"
	"encoding/json"
	"regexp"
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
	AllOf                []*schemaNode          `json:"allOf,omitempty"`
	If                   *schemaNode            `json:"if,omitempty"`
	Then                 *schemaNode            `json:"then,omitempty"`
	Defs                 map[string]*schemaNode `json:"$defs,omitempty"`
}

// Schema renders the JSON Schema of the spec format from the field tables; schema/sysext-ign.schema.json is a copy of it.
func Schema() []byte {
	root := object(specFields.Get())
	root.Schema = "https://json-schema.org/draft/2020-12/schema"
	root.Title = "sysext-ign spec"
	root.Description = "A spec of the system extensions (sysext images) a Flatcar Container Linux node should have; " +
		"sysext-ign gen turns it into Ignition. sysext-ign validate also checks what a schema cannot: unique names, " +
		"headers only for http and https sources, and Butane's and Ignition's own validation."
	// A spec must ask for something (nothing-asked).
	for _, key := range askKeys {
		root.AnyOf = append(root.AnyOf, &schemaNode{Required: []string{key}, Properties: map[string]*schemaNode{key: {MinItems: 1}}})
	}
	ext := object(extensionFields.Get())
	ext.Required = []string{"name"}
	ext.AnyOf = []*schemaNode{{Required: []string{"source"}}, {Required: []string{"version"}}} // source-or-version-missing
	official := object(officialFields.Get())
	official.Required = []string{"name"}
	// A name the table lacks needs since (official-unknown-name).
	official.AnyOf = []*schemaNode{{Required: []string{"since"}}, {Properties: map[string]*schemaNode{"name": {Enum: officialNames()}}}}
	root.AllOf = officialArchRules()
	root.Defs = map[string]*schemaNode{"extension": ext, "update": object(updateFields.Get()), "official": official}
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

// officialItemSchema is a flatcar_extensions item: a name from the table, or a {name, since} mapping.
func officialItemSchema() schemaNode {
	return schemaNode{OneOf: []*schemaNode{{Type: "string", Enum: officialNames()}, {Ref: "#/$defs/official"}}}
}

// officialArchRules refuse, for each architecture, the official names Flatcar does not build for it (official-arch).
func officialArchRules() []*schemaNode {
	var rules []*schemaNode
	for _, arch := range arches {
		names := &schemaNode{}
		if notBuilt := officialNamesNotFor(arch); len(notBuilt) > 0 {
			names.AnyOf = append(names.AnyOf, &schemaNode{Enum: notBuilt})
		}
		if !contains(x86Only, arch) { // a driver newer than the table is refused too
			names.AnyOf = append(names.AnyOf, &schemaNode{Pattern: "^" + regexp.QuoteMeta(nvidiaPrefix)})
		}
		if len(names.AnyOf) == 0 {
			continue
		}
		when := &schemaNode{Properties: map[string]*schemaNode{"arch": {Enum: spellingsOf(arch)}}}
		if arch != defaultArch {
			when.Required = []string{"arch"}
		}
		item := &schemaNode{Not: &schemaNode{AnyOf: []*schemaNode{{Type: "string", AnyOf: names.AnyOf},
			{Type: "object", Required: []string{"name"}, Properties: map[string]*schemaNode{"name": names}}}}}
		rules = append(rules, &schemaNode{If: when, Then: &schemaNode{Properties: map[string]*schemaNode{"flatcar_extensions": {Items: item}}}})
	}
	return rules
}

func listOf(item schemaNode) schemaNode { return schemaNode{Type: "array", Items: &item} }
