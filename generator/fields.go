package generator

import (
	"fmt"
	"strings"

	"github.com/sysext-ign/sysext-ign/internal/lazy"
	"gopkg.in/yaml.v3"
)

// field is one accepted key of a mapping, with what docs/spec.md and the JSON Schema say of it: the tables below
// are the single list of the keys the spec knows.
type field[T any] struct {
	key    string
	kind   string     // the value's type, as docs/spec.md names it
	def    string     // the default, as docs/spec.md shows it when the schema has none: "required", or where it comes from
	doc    string     // what the key does and its rules, in Markdown; also the schema's description
	schema schemaNode // the value's JSON Schema, without its description
	decode func(d decoder, v *yaml.Node, into *T)
}

// askKeys are the keys of which a spec must set at least one, or it asks for nothing.
var askKeys = []string{"extensions", "disable", "flatcar_extensions"}

// The field tables are built on first use: their docs and schemas come from function calls, which Go would
// otherwise run at start-up for every command, even version.
var specFields = lazy.Value[[]field[Spec]]{New: func() []field[Spec] {
	return []field[Spec]{
		{key: "butane_version", kind: "string", schema: stringOf(butaneVersions(), defaultButaneVersion),
			doc:    "Version of Butane's `flatcar` variant the config is written in, and included files must use: " + butaneVersionsDoc() + ".",
			decode: func(d decoder, v *yaml.Node, s *Spec) { s.ButaneVersion = d.str(v, "butane_version") }},
		{key: "arch", kind: "string", schema: stringOf(archNames(), defaultArch),
			doc:    "Architecture of the bakery images, as the bakery names it; " + aliasesDoc() + ".",
			decode: func(d decoder, v *yaml.Node, s *Spec) { s.Arch = d.str(v, "arch") }},
		{key: "bakery_url", kind: "URL", schema: schemaNode{Type: "string", Pattern: `^https?://[^\s/?#]+[^\s?#]*$`, Default: defaultBakeryURL},
			doc:    "Base URL (http or https) of the images named by version, the sysext-bakery's or a mirror's; a trailing slash is fine, a query or fragment (`?`, `#`) is not.",
			decode: func(d decoder, v *yaml.Node, s *Spec) { s.BakeryURL = d.str(v, "bakery_url") }},
		{key: "disable_method", kind: "string", schema: stringOf(disableMethods, defaultDisableMethod),
			doc: "How built-ins are turned off: `link` writes a link to `/dev/null`, Flatcar's documented method; `directory` writes an empty " +
				"placeholder directory, the older method, which leaves the built-in sysexts merged on today's Flatcar and warns `directory-mask-ignored`.",
			decode: func(d decoder, v *yaml.Node, s *Spec) { s.DisableMethod = d.str(v, "disable_method") }},
		{key: "disable", kind: "list of strings", schema: listOf(stringOf(builtinNames(), "")),
			doc:    "Built-ins to turn off, as the built-ins table of docs/spec.md lists them. Listing one twice is a warning.",
			decode: func(d decoder, v *yaml.Node, s *Spec) { s.Disable = d.strList(v, "disable") }},
		{key: "extensions", kind: "list of mappings", schema: schemaNode{Type: "array", MaxItems: MaxExtensions, Items: &schemaNode{Ref: "#/$defs/extension"}},
			doc:    "The images to place, each a mapping of the extension keys.",
			decode: func(d decoder, v *yaml.Node, s *Spec) { s.Extensions = d.extensions(v) }},
		{key: "flatcar_extensions", kind: "list of names or mappings", schema: listOf(officialItemSchema()),
			doc: "Official Flatcar extensions to enable, written to `/etc/flatcar/enabled-sysext.conf`, from which Flatcar downloads each for its own " +
				"release and fails the boot when it cannot. Each item is a name from the official extensions table, or a mapping of the " +
				"official item keys for a name newer than the table. A name Flatcar does not build for the spec's `arch` is an error; a name " +
				"listed twice is a warning.",
			decode: func(d decoder, v *yaml.Node, s *Spec) { s.Official = d.officials(v) }},
		{key: "headers", kind: "mapping of strings", schema: headersSchema(),
			doc: "HTTP headers sent with every http or https image download, as a mapping of name to value; an extension's own header " +
				"of the same name wins. The same rules as an extension's `headers`.",
			decode: func(d decoder, v *yaml.Node, s *Spec) { s.Headers = d.headers(v) }},
		{key: "ca", kind: "list of files", schema: listOf(schemaNode{Type: "string", MinLength: 1}),
			doc: "PEM files of CA certificates, relative to the spec, embedded in `ignition.security.tls.certificate_authorities` so that " +
				"Ignition trusts your mirror's https, and trusted by `sysext-ign lock` too. A missing or non-PEM file is an error.",
			decode: func(d decoder, v *yaml.Node, s *Spec) { s.CA = d.strList(v, "ca") }},
		{key: "include", kind: "list of files", schema: listOf(schemaNode{Type: "string", MinLength: 1}),
			doc: "Butane files, relative to the spec, merged into the output: users, units and other files. They must use " +
				"`variant: flatcar` and the spec's `butane_version`.",
			decode: func(d decoder, v *yaml.Node, s *Spec) { s.Include = d.strList(v, "include") }},
		{key: "update_keyring", kind: "file", schema: schemaNode{Type: "string", MinLength: 1},
			doc: "A file of OpenPGP public keys (armored or binary), relative to the spec, that verifies the update sources with `verify: true`; " +
				"written dearmored to `/etc/systemd/import-pubring.gpg`, where systemd-sysupdate's gpg reads it. Without any `verify: true` " +
				"it is a warning and is not written.",
			decode: func(d decoder, v *yaml.Node, s *Spec) { s.Keyring = d.str(v, "update_keyring") }},
		{key: "ignore_warnings", kind: "list of codes", schema: listOf(stringOf(codesOf(Warning), "")),
			doc: "Codes of warnings not to report for this spec, its included files and `lock`, so that a deliberate choice passes `--strict` " +
				"(docs/diagnostics.md lists them). An unknown code is an error, and so is the code of an error: errors cannot be silenced.",
			decode: func(d decoder, v *yaml.Node, s *Spec) { s.Ignore = d.strList(v, "ignore_warnings") }},
		{key: "update_timer", kind: "boolean", schema: schemaNode{Type: "boolean", Default: true},
			doc: "`false` keeps every transfer file and drop-in but leaves the update timer off, with both of its names masked, so updates run " +
				"only when someone starts `systemd-sysupdate.service`. Set it only in a spec with updates.",
			decode: func(d decoder, v *yaml.Node, s *Spec) { s.UpdateTimer = d.boolean(v, "update_timer") }},
	}
}}

var extensionFields = lazy.Value[[]field[Extension]]{New: func() []field[Extension] {
	return []field[Extension]{
		{key: "name", kind: "string", def: "required",
			schema: schemaNode{Type: "string", Pattern: nameRe.String(), MaxLength: maxNameLength, Not: &schemaNode{AnyOf: []*schemaNode{
				{Pattern: `\.raw$`}, {Pattern: "^(" + strings.Join(reservedPrefixes, "|") + ")"}, {Enum: reservedNames()}}}},
			doc: "The image's name, which must be the name of its extension-release file (`/usr/lib/extension-release.d/extension-release.NAME` " +
				"in the image): systemd-sysext merges `NAME.raw` only then. At most 64 letters, digits, `.`, `_`, `+` and `-`, starting with " +
				"a letter or digit; not ending in `.raw`, and not " + orList(reservedDoc()) + ". Names are unique.",
			decode: func(d decoder, v *yaml.Node, e *Extension) { e.Name = d.str(v, "name") }},
		{key: "source", kind: "URL", def: "from `bakery_url`", schema: schemaNode{Type: "string", Pattern: `^((https?|tftp|s3|gs)://[^\s/]+|data:)\S*$`},
			doc:    "URL of the image: `http`, `https`, `tftp`, `s3`, `gs` or `data`, with no whitespace. Required when there is no `version`.",
			decode: func(d decoder, v *yaml.Node, e *Extension) { e.Source = d.str(v, "source") }},
		{key: "version", kind: "string", schema: schemaNode{Type: []string{"string", "number"}, Pattern: `^[^/\s%?#]+$`,
			Not: &schemaNode{AnyOf: []*schemaNode{{Type: "string", Pattern: `\.\.`}, {Enum: []string{"latest"}}}}},
			doc: "The image's version, spelt as the bakery spells it, which differs between extensions (`28.0.4` for docker, `v1.32.2` for " +
				"kubernetes): copy it from the bakery's list of extensions and versions. Required when there is no `source`. It must not contain " +
				"`/`, `..`, `%`, `?`, `#` or whitespace. `latest` names no image: gen refuses it until `sysext-ign lock` resolves it to the newest version.",
			decode: func(d decoder, v *yaml.Node, e *Extension) { e.Version = d.text(v, "version") }},
		{key: "arch", kind: "string", def: "the top-level `arch`", schema: stringOf(archNames(), ""),
			doc:    "The architecture of this image, in place of the top-level `arch`.",
			decode: func(d decoder, v *yaml.Node, e *Extension) { e.Arch = d.str(v, "arch") }},
		{key: "hash", kind: "string", schema: schemaNode{Type: "string", Pattern: "^(sha256-[0-9A-Fa-f]{64}|sha512-[0-9A-Fa-f]{128})$"},
			doc:    "`sha256-<64 hex digits>` or `sha512-<128 hex digits>`; Ignition refuses an image that does not match. `sysext-ign lock` writes it.",
			decode: func(d decoder, v *yaml.Node, e *Extension) { e.Hash = d.str(v, "hash") }},
		{key: "headers", kind: "mapping of strings", schema: headersSchema(),
			doc: "HTTP headers sent with the download, as a mapping of name to value. Names must be HTTP tokens and unique (case-insensitively); " +
				"values must be non-empty, with no line breaks. Only for http and https sources.",
			decode: func(d decoder, v *yaml.Node, e *Extension) { e.Headers = d.headers(v) }},
		{key: "update", kind: "boolean or mapping", schema: schemaNode{Default: false, OneOf: []*schemaNode{{Type: "boolean"}, {Ref: "#/$defs/update"}}},
			doc:    "`true` to let systemd-sysupdate keep the image current, or a mapping of the update keys. Needs `version`.",
			decode: func(d decoder, v *yaml.Node, e *Extension) { e.Update = d.update(v) }},
	}
}}

var updateFields = lazy.Value[[]field[Update]]{New: func() []field[Update] {
	return []field[Update]{
		{key: "series", kind: "string",
			schema: schemaNode{Type: []string{"string", "number"}, Pattern: seriesRe.String(), MaxLength: maxNameLength, Not: &schemaNode{Type: "string", Pattern: `\.\.`}},
			doc: "Track only versions that start with `SERIES.`, such as `v1.32` for `v1.32.x`. At most 64 letters, digits, `.`, `_`, `+`, `~` " +
				"and `-`, with no `..`. A series that `version` does not start with is a warning.",
			decode: func(d decoder, v *yaml.Node, u *Update) { u.Series = d.text(v, "series") }},
		{key: "source", kind: "URL or directory", def: "`{bakery_url}/{name}/`", schema: schemaNode{Type: "string", Pattern: `^(https?://[^\s/?#]+[^\s?#]*|/[^\s]+)$`},
			doc: "The folder URL (http or https, with no query or fragment) that holds `SHA256SUMS` and the images, where a trailing `/` is " +
				"added; or an absolute directory on the node, read as local files and created by the config, which must not lie in a " +
				"directory that sysext-ign, systemd-sysupdate or Flatcar writes (" + strings.Join(quoted(reservedDirs), ", ") + " or a " +
				"`/etc/sysupdate.NAME.d`), in a folder systemd-sysext merges from (" + strings.Join(quoted(sysextDirs), ", ") + "), or where " +
				"a directory does not last or is not root's alone (" + strings.Join(quoted(volatileDirNames()), ", ") + "); `/bin`, `/sbin`, " +
				"`/lib` and `/lib64` count as the `/usr` they lead to. Required when the extension has its own `source`.",
			decode: func(d decoder, v *yaml.Node, u *Update) { u.Source = d.str(v, "update source") }},
		{key: "action", kind: "string", schema: stringOf(updateActions, defaultUpdateAction),
			doc: "What follows an update that moved the link: `reboot` touches `/run/reboot-required`, `refresh` reloads " +
				"`systemd-sysext.service`, whose reload is `systemd-sysext refresh`, reloads systemd and then restarts each `restart` unit, " +
				"`none` only stages the image. A refresh starts and restarts nothing else: a service an extension ships keeps running its " +
				"old version until it is restarted, so list such services in `restart`.",
			decode: func(d decoder, v *yaml.Node, u *Update) { u.Action = d.str(v, "update action") }},
		{key: "restart", kind: "list of units", schema: listOf(schemaNode{Type: "string", MaxLength: unitNameMax, Pattern: unitNamePattern()}),
			doc: "Units restarted, in order, after the refresh, only when the link moved: full systemd unit names such as `consul.service`. " +
				"Implies `action: refresh`, and is an error with `reboot` or `none`.",
			decode: func(d decoder, v *yaml.Node, u *Update) { u.Restart = d.strList(v, "update restart") }},
		{key: "verify", kind: "boolean", schema: schemaNode{Type: "boolean", Default: false},
			doc: "`true` to have systemd-sysupdate check `SHA256SUMS.gpg`, the update source's signature of `SHA256SUMS`, against " +
				"`update_keyring` (`Verify=yes`). Needs `update_keyring` and the extension's own `update.source`: the sysext-bakery does not sign.",
			decode: func(d decoder, v *yaml.Node, u *Update) { u.Verify = d.boolean(v, "verify") }},
	}
}}

var officialFields = lazy.Value[[]field[Official]]{New: func() []field[Official] {
	return []field[Official]{
		{key: "name", kind: "string", schema: schemaNode{Type: "string", Pattern: nameRe.String(), MaxLength: maxNameLength, Not: &schemaNode{Enum: runtimes()}},
			doc:    "The extension's name, as Flatcar names it.",
			decode: func(d decoder, v *yaml.Node, o *Official) { o.Name = d.str(v, "name") }},
		{key: "since", kind: "string", schema: schemaNode{Type: "string", Pattern: releaseRe.String()},
			doc: "The first Flatcar release that ships the extension, such as `4426.0.0`. Needed for a name the table does not have, " +
				"which is then accepted with the warning `official-unlisted`; a name the table has keeps the table's release.",
			decode: func(d decoder, v *yaml.Node, o *Official) { o.Since = d.text(v, "since") }},
	}
}}

// headersSchema is the schema of a headers mapping, at the top level or in an extension.
func headersSchema() schemaNode {
	return schemaNode{Type: "object", MaxProperties: MaxHeaders, PropertyNames: &schemaNode{Pattern: httpToken.String()},
		AdditionalProperties: &schemaNode{Type: []string{"string", "number"}, MinLength: 1, Pattern: `^[^\x00-\x1f\x7f-\x9f]+$`}}
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
			near := Nearest(k.Value, keysOf(fields))
			d.errorAt(k, msgUnknownKey(k.Value, what, near, keysOf(fields)))
			if m, ok := any(into).(interface{ misspell(string) }); ok && near != "" {
				m.misspell(near)
			}
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

// textTag tells the scalars text takes as written; !!binary and custom tags are refused, since their text is not their value.
func textTag(tag string) bool {
	switch tag {
	case "!!str", "!!int", "!!float", "!!timestamp":
		return true
	}
	return false
}

// text accepts a string, number or date scalar as written, so version: 1.10 stays "1.10".
func (d decoder) text(v *yaml.Node, key string) Str {
	if v.Kind != yaml.ScalarNode || !textTag(v.Tag) {
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
		mapping(d, item, "an extension", extensionFields.Get(), &e)
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
			mapping(d, item, "a flatcar_extensions item", officialFields.Get(), &o)
			if !o.Name.IsSet() && !o.meant("name") {
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
		mapping(d, v, "update", updateFields.Get(), u)
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

// reservedDoc names the names an extension may not take, for the docs of name.
func reservedDoc() []string {
	out := quoted(reservedNames())
	for _, p := range reservedPrefixes {
		out = append(out, "`"+p+"*`")
	}
	return out
}

// quoted writes each value as Markdown code.
func quoted(values []string) []string {
	out := make([]string, len(values))
	for i, v := range values {
		out[i] = "`" + v + "`"
	}
	return out
}
