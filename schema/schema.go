// Package schema holds the JSON Schema of the spec format, embedded so the binary prints the schema that matches it.
package schema

import _ "embed"

// JSON is the JSON Schema (draft 2020-12) that editors use to complete and check specs.
//
//go:embed sysext-ign.schema.json
var JSON string
