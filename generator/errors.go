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
	msgAlias         = "YAML aliases are not supported; write the value out"
	msgComplexKey    = "keys must be plain strings, not lists or mappings; write the key as text"
	msgMergeKey      = "YAML merge keys (<<) are not supported in included files; write the keys out"
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

func msgTooManyExtensions(n int) string {
	return fmt.Sprintf("spec asks for %d images (extensions and flatcar_extensions), but a node can merge at most %d: "+
		"systemd-sysext stacks them and the node's /usr in one overlayfs mount, which takes at most 500 layers; "+
		"this is the first image past the limit", n, MaxExtensions)
}

func msgNameDuplicate(name string, firstLine int) string {
	return fmt.Sprintf("extension %q is listed twice; the first is on line %d", name, firstLine)
}

func msgDisableDuplicate(name string, firstLine int) string {
	return fmt.Sprintf("%q is already disabled on line %d; remove this entry", name, firstLine)
}

// URLs, hashes and headers.

func msgURL(key, u, why string) string {
	return fmt.Sprintf("%s %q is not a URL Ignition can fetch: %s", key, MaskURLs(u), why)
}

const (
	urlWhySpace    = "it contains whitespace or control characters; percent-encode them"
	urlWhyHost     = "it has no host"
	urlWhyUserinfo = "its user name or password has a character that must be percent-encoded"
	urlWhyBakery   = "use an http or https URL"
	hashWhyForm    = "hash must look like sha256-<64 hex digits> or sha512-<128 hex digits>"
	headerValueNL  = "must not contain line breaks or control characters"
)

func msgFolderQuery(key, u string) string {
	return fmt.Sprintf("%s %q must not have a query or fragment ('?' or '#'); file names are appended to its path", key, MaskURLs(u))
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

// Plain Butane files (validate --butane).
const (
	msgButaneTooLarge      = "Butane file is larger than the 1 MiB limit; split it or remove what is not needed"
	msgButaneNotUTF8       = "Butane file is not valid UTF-8; save it as UTF-8"
	msgButaneEmpty         = "Butane file is empty; it needs at least variant: flatcar and version:"
	msgButaneManyDocuments = "Butane file holds more than one YAML document and butane reads only the first; keep one and remove the '---' separators"
)

func msgButaneNotMapping(got string) string {
	return fmt.Sprintf("Butane file must be a mapping of keys such as variant: and storage:, not %s", got)
}

func msgButaneMissing(key, example string) string {
	return fmt.Sprintf("Butane file has no %s; add %s: %s", key, key, example)
}

func msgButaneVariant(got string) string {
	return fmt.Sprintf("variant %q is not supported; sysext-ign checks Butane for Flatcar, so use variant: flatcar", got)
}

func msgButaneWrongType(tag string, into []string) string {
	got := map[string]string{"!!str": "a string", "!!map": "a mapping", "!!seq": "a list", "!!int": "a number",
		"!!float": "a number", "!!bool": "a boolean", "!!null": "empty"}[tag]
	if got == "" {
		got = "of type " + tag
	}
	if into == nil {
		return fmt.Sprintf("this value is %s, which does not fit here", got)
	}
	return fmt.Sprintf("this value is %s, but Butane expects %s here", got, goTypeName(into[1]))
}

// goTypeName describes the Go type a Butane field decodes into, without the library's package names.
func goTypeName(t string) string {
	switch {
	case strings.HasPrefix(t, "[]"):
		return "a list"
	case t == "int", t == "uint", t == "float64":
		return "a number"
	case t == "string":
		return "a string"
	case t == "bool":
		return "true or false"
	}
	return "a mapping"
}

var msgButaneEntries = fmt.Sprintf("file has more than %d entries (list items and mapping keys), more than sysext-ign checks in one go; split it or remove what is not needed", MaxIncludeEntries)

func msgButaneBadTag(tag string) string {
	return fmt.Sprintf("the value tagged %s is not a valid %s; remove the tag or fix the value", tag, tag)
}

func msgButaneValue(detail string) string {
	return "invalid Butane: " + detail
}

// Internal failures: our own output was rejected, which is never the user's fault.

func msgInternal(stage, detail string) string {
	return fmt.Sprintf("internal error: %s rejected the generated config (%s); this is a bug in sysext-ign, please report it with the output of sysext-ign gen --debug", stage, detail)
}

// orList renders allowed values as "a, b or c".
func orList(values []string) string {
	if len(values) == 1 {
		return values[0]
	}
	return strings.Join(values[:len(values)-1], ", ") + " or " + values[len(values)-1]
}

// Updates.
const (
	msgUpdateNeedsVersion = "update needs a pinned version: add version: so the first image is placed at first boot"
	msgUpdateNeedsSource  = "an extension with its own source needs update.source, the folder URL holding SHA256SUMS and the images"
	msgSeriesChars        = "series must be at most 64 characters, start with a letter or digit, hold only letters, digits, '.', '_', '+', '~' or '-', and have no '..'"
	updateWhyHTTP         = "systemd-sysupdate downloads over http or https only"
)

func msgUpdateType(got string) string {
	return fmt.Sprintf("update must be true, false, or a mapping with series and source, not %s", got)
}

// Official Flatcar extensions.

func msgOfficialBuiltin(name string) string {
	return fmt.Sprintf("%q cannot be set in flatcar_extensions: enabled-sysext.conf does not control the built-in docker and containerd; use disable: [%s-flatcar] to turn it off",
		name, strings.TrimPrefix(name, "-"))
}

func msgOfficialOptOut(name string) string {
	return fmt.Sprintf("%q opts out, but official extensions are off unless listed; remove the entry (to turn off docker or containerd, use disable:)", name)
}

func msgOfficialUnknown(name string, known []string) string {
	return fmt.Sprintf("unknown official extension %q; known are %s (newer Flatcar releases may add more)", name, strings.Join(known, ", "))
}

func msgOfficialInvalid(name string) string {
	return fmt.Sprintf("official extension name %q is invalid; use letters, digits, '.', '_', '+' or '-'", name)
}

func msgOfficialDuplicate(name string, firstLine int) string {
	return fmt.Sprintf("%q is already listed on line %d; remove this entry", name, firstLine)
}

// Lint: configurations that generate but are likely wrong on the node.

func msgLintBothRuntimes(name string) string {
	return fmt.Sprintf("extension %q and the built-in %s-flatcar would both be merged; add %s-flatcar to disable:", name, name, name)
}

func msgLintNoHash(scheme string) string {
	return fmt.Sprintf("image is fetched over %s without a hash, so nothing verifies it; add hash: or use https", scheme)
}

const msgLintUpdateHeaders = "systemd-sysupdate cannot send HTTP headers, so later updates are fetched without them; make the update source readable without them"

const msgLintLatest = `version "latest" is not resolved by gen and names no image; run sysext-ign lock to pin the newest version and its hash`

const msgLintUpdateCA = "systemd-sysupdate trusts only the node's system certificates, not ca:, so https updates from a private CA fail; add the CA to the node's trust store or use a publicly trusted certificate"

func msgLintUpdateArch(arch, node string) string {
	return fmt.Sprintf("arch %s differs from the node's %s, but systemd-sysupdate matches images of the node's own architecture (%%a), so the first update would switch architectures; drop arch: here or set the top-level arch", arch, node)
}

const msgLintDeadURL = "URLs with releases/latest/download or releases/download/latest are dead on the sysext-bakery; name the release or use the bakery URL with a version"

func msgLintVersionedName(name string) string {
	return fmt.Sprintf("name %q looks versioned; systemd-sysext loads NAME.raw only when NAME matches the image's extension-release file, so give the bare name and put the version in version:", name)
}

func msgLintSeries(series, version string) string {
	return fmt.Sprintf("series %q does not match version %q: the pinned image must be named NAME-%s.<rest>-ARCH.raw to be tracked; use a series that version starts with", series, version, series)
}

// Files the spec names: CA certificates and included Butane.

const (
	readWhyNoFiles  = "files cannot be read in this mode"
	readWhyTooLarge = "it is larger than 1 MiB"
	readWhyTotal    = "the CA and included files of a spec may total at most 1 MiB; this file goes past that, so it and the files after it are not read"
)

func msgIncludeEntries(path string) string {
	return fmt.Sprintf("included Butane %q goes past %d entries (list items and mapping keys) in all included files together, so it and the files after it are not used; remove what is not needed", path, MaxIncludeEntries)
}

func msgTooManyHeaders(n int) string {
	return fmt.Sprintf("headers has %d entries, but at most %d are allowed; this is the first past the limit", n, MaxHeaders)
}

func msgTooManyFiles(n int) string {
	return fmt.Sprintf("spec lists %d files in ca and include, but at most %d are read; this is the first past the limit, so merge some of them", n, MaxFiles)
}

func msgListedTwice(what, path string, firstLine int) string {
	return fmt.Sprintf("%s %q is listed twice; the first is on line %d, so remove this one", what, path, firstLine)
}

func msgCAAgain(path, first string) string {
	return fmt.Sprintf("CA file %q holds the same certificates as %q; list them once", path, first)
}

func msgCannotRead(what, path, why string) string {
	return fmt.Sprintf("cannot read %s %q: %s", what, path, why)
}

func msgCANotPEM(path string) string {
	return fmt.Sprintf("CA file %q holds no PEM certificate; give a file of -----BEGIN CERTIFICATE----- blocks", path)
}

func msgIncludeVersion(got, want string) string {
	return fmt.Sprintf("included Butane has version %q but the spec's butane_version is %s; use the same version in both", got, want)
}

func msgIncludeConflictHidden(what, other string) string {
	return fmt.Sprintf("this %s is also written by %s; each may be set only once", what, other)
}

func msgIncludeConflict(what, key, other string) string {
	return fmt.Sprintf("%s %q is also written by %s; each may be set only once", what, key, other)
}

func msgIncludeInside(kind, p, outerKind, outer, other string) string {
	return fmt.Sprintf("%s %q lies inside %s %q, which %s writes; nothing can be written inside a file or link", kind, p, outerKind, outer, other)
}

func msgIncludeContains(kind, p, innerKind, inner, other string) string {
	return fmt.Sprintf("%s %q would contain %s %q, which %s writes; nothing can be written inside a file or link", kind, p, innerKind, inner, other)
}

func msgIncludeSetTwice(key, other string) string {
	return fmt.Sprintf("%s is also set by %s; set it in one place", key, other)
}
