package generator

import (
	"fmt"
	"strings"
)

// Reading the spec.
const (
	msgTooLarge      = "spec is larger than the 1 MiB limit; split it or remove what is not needed"
	msgNotUTF8       = "spec is not valid UTF-8; save it as UTF-8"
	msgEmptySpec     = "spec is empty; it needs at least extensions, disable or flatcar_extensions"
	msgManyDocuments = "spec holds more than one YAML document; keep one and remove the '---' separators"
	msgTabIndent     = "tab used for indentation; YAML needs spaces"
	msgAlias         = "YAML aliases are not supported in a spec; write the value out"
	msgNothing       = "spec asks for nothing; add extensions, disable or flatcar_extensions"
)

func msgBadChar(r rune) string {
	return fmt.Sprintf("character %U is not allowed in YAML; remove it, or write it as an escape in a double-quoted string", r)
}

func msgYAML(detail string) string {
	return "invalid YAML: " + strings.TrimPrefix(detail, "yaml: ")
}

// Types and keys.

func msgNotMapping(got string) string {
	return fmt.Sprintf("spec must be a mapping of keys such as extensions:, not %s", got)
}

func msgWantMapping(what, got string) string {
	return fmt.Sprintf("%s must be a mapping, not %s", what, got)
}

func msgWantList(key, got string) string {
	return fmt.Sprintf("%s must be a list, not %s", key, got)
}

func msgWantString(key, got string) string {
	hint := ""
	if got == "a number" || got == "a boolean" {
		hint = "; quote it"
	}
	return fmt.Sprintf("%s must be a string, not %s%s", key, got, hint)
}

func msgDuplicateKey(key string, firstLine int) string {
	return fmt.Sprintf("duplicate key %q; it is first set on line %d", key, firstLine)
}

func msgUnknownKey(key, where string, allowed []string) string {
	if near := closest(key, allowed); near != "" {
		return fmt.Sprintf("unknown key %q in %s; did you mean %q?", key, where, near)
	}
	return fmt.Sprintf("unknown key %q in %s; use one of %s", key, where, strings.Join(allowed, ", "))
}

func msgNotAllowed(what, got string, allowed []string) string {
	return fmt.Sprintf("unknown %s %q; use %s", what, got, orList(allowed))
}

// Extensions.
const (
	msgNameMissing      = "extension has no name; add name:"
	msgNameRaw          = "name must not end in .raw; the .raw is added for you"
	msgNameReserved     = "name is reserved for Flatcar's own images; choose another name, or use disable: to turn a built-in off"
	msgNeedSourceOrVers = "extension needs a version (for a bakery image) or a source URL"
	msgVersionEmpty     = "version is empty; give the image's version, such as 28.0.4"
	msgVersionChars     = "version must not contain '/', '..' or whitespace; it becomes part of a file name and a URL"
	msgVersionURL       = "version must not contain '%', '?' or '#'; they would change the URL the image is downloaded from"
)

func msgNameInvalid(name string) string {
	return fmt.Sprintf("name %q is invalid; use at most 64 letters, digits, '.', '_', '+' or '-', starting with a letter or digit", name)
}

func msgNameDuplicate(name string, firstLine int) string {
	return fmt.Sprintf("extension %q is listed twice; the first is on line %d", name, firstLine)
}

func msgDisableDuplicate(name string, firstLine int) string {
	return fmt.Sprintf("%q is already disabled on line %d; remove this entry", name, firstLine)
}

// URLs, hashes and headers.

func msgURL(key, u, why string) string {
	return fmt.Sprintf("%s %q is not a URL Ignition can fetch: %s", key, u, why)
}

const (
	urlWhySpace   = "it contains whitespace or control characters; percent-encode them"
	urlWhyHost    = "it has no host"
	urlWhyBakery  = "use an http or https URL"
	hashWhyForm   = "hash must look like sha256-<64 hex digits> or sha512-<128 hex digits>"
	headerValueNL = "must not contain line breaks or control characters"
)

func msgBakeryQuery(u string) string {
	return fmt.Sprintf("bakery_url %q must not have a query or fragment ('?' or '#'); image names are appended to its path", u)
}

func urlWhyScheme(scheme string) string {
	if scheme == "" {
		return "it has no scheme; use http, https, tftp, s3, gs or data"
	}
	return fmt.Sprintf("scheme %q is not supported; use http, https, tftp, s3, gs or data", scheme)
}

func msgHashAlgo(algo string) string {
	return fmt.Sprintf("unknown hash algorithm %q; use sha256 or sha512", algo)
}

func msgHashLength(algo string, want, got int) string {
	return fmt.Sprintf("%s hash needs %d hex digits, not %d", algo, want, got)
}

func msgHeaderName(name string) string {
	return fmt.Sprintf("header name %q is not a valid HTTP token; use letters, digits and !#$%%&'*+-.^_`|~", name)
}

func msgHeaderValue(name, why string) string {
	return fmt.Sprintf("value of header %q %s", name, why)
}

func msgHeaderDuplicate(name string, firstLine int) string {
	return fmt.Sprintf("header %q is set twice (names are case-insensitive); the first is on line %d", name, firstLine)
}

func msgHeaderEmpty(name string) string {
	return fmt.Sprintf("value of header %q is empty; Ignition rejects empty header values", name)
}

func msgHeadersScheme(scheme string) string {
	return fmt.Sprintf("headers are sent only over http or https, not %s; remove headers or change the source", scheme)
}

// Internal failures: our own output was rejected, which is never the user's fault.

func msgInternal(stage, detail string) string {
	return fmt.Sprintf("internal error: %s rejected the generated config (%s); this is a bug in sysext-ign, please report it with the output of --debug", stage, detail)
}

// orList renders allowed values as "a, b or c".
func orList(values []string) string {
	if len(values) == 1 {
		return values[0]
	}
	return strings.Join(values[:len(values)-1], ", ") + " or " + values[len(values)-1]
}
