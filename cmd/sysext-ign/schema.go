package main

import "github.com/sysext-ign/sysext-ign/generator"

const schemaSynopsis = `Usage: sysext-ign schema

Print the JSON Schema (draft 2020-12) of the spec format, for editors:
  sysext-ign schema > sysext-ign.schema.json
and start a spec with
  # yaml-language-server: $schema=sysext-ign.schema.json
`

func (e *env) schema(args []string) int {
	if code := e.parseNoArgs(newFlags("schema"), schemaSynopsis, args, "schema takes no arguments"); code >= 0 {
		return code
	}
	return e.emit("", generator.Schema())
}
