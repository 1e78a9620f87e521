package generator

import (
	"fmt"
	"strings"
)

// Kinds is every kind of diagnostic sysext-ign reports, lock's included, with its stable code and severity:
// the one home of both, which the README, the JSON Schema and ignore_warnings are checked against.
var Kinds = []Kind{
	// Reading a spec or a Butane file.
	{"too-large", Error}, {"not-utf8", Error}, {"bad-character", Error}, {"empty", Error},
	{"many-documents", Error}, {"invalid-yaml", Error}, {"tab-indent", Error}, {"yaml-alias", Error},
	{"merge-key", Error}, {"complex-key", Error}, {"not-mapping", Error}, {"nothing-asked", Error},
	// Types and keys.
	{"wrong-type", Error}, {"duplicate-key", Error}, {"unknown-key", Error}, {"unknown-value", Error},
	{"unknown-warning-code", Error}, {"not-silenceable", Error},
	// Extensions and disable.
	{"name-missing", Error}, {"name-invalid", Error}, {"name-raw", Error}, {"name-reserved", Error},
	{"name-duplicate", Error}, {"source-or-version-missing", Error}, {"version-empty", Error},
	{"version-path-chars", Error}, {"version-url-chars", Error}, {"too-many-extensions", Error},
	{"disable-duplicate", Warning}, {"directory-mask-ignored", Warning},
	// URLs, hashes and headers.
	{"invalid-url", Error}, {"url-query", Error}, {"invalid-hash", Error}, {"header-name-invalid", Error},
	{"header-value-invalid", Error}, {"header-empty", Error}, {"header-duplicate", Error},
	{"headers-not-http", Error}, {"too-many-headers", Error},
	// Updates.
	{"update-type", Error}, {"update-needs-version", Error}, {"update-needs-source", Error}, {"series-invalid", Error},
	{"restart-needs-refresh", Error}, {"unit-name-invalid", Error}, {"restart-sysupdate", Error}, {"update-dir-invalid", Error}, {"update-dir-is-target", Error}, {"update-dir-volatile", Error}, {"path-too-long", Error},
	{"update-timer-unused", Warning},
	// Signed update sources.
	{"verify-needs-keyring", Error}, {"verify-bakery", Error}, {"verify-local", Error}, {"keyring-invalid", Error}, {"keyring-too-large", Error},
	{"keyring-unused", Warning}, {"keyring-key-expired", Warning}, {"keyring-key-revoked", Warning},
	// Official Flatcar extensions.
	{"official-builtin", Error}, {"official-opt-out", Error}, {"official-invalid", Error},
	{"official-unknown", Warning}, {"official-duplicate", Warning},
	// Lint: configurations that generate but are likely wrong on the node.
	{"builtin-still-merged", Warning}, {"http-without-hash", Warning}, {"version-latest", Warning},
	{"dead-url", Warning}, {"bakery-unversioned-url", Warning}, {"versioned-name", Warning}, {"series-mismatch", Warning},
	{"update-headers-dropped", Warning}, {"update-ca-untrusted", Warning}, {"update-arch-switch", Warning},
	// Files the spec names, and plain Butane.
	{"too-many-files", Error}, {"too-many-entries", Error}, {"listed-twice", Error}, {"cannot-read", Error},
	{"ca-not-pem", Error}, {"ca-duplicate", Error}, {"include-version", Error}, {"include-conflict", Error},
	{"include-nested", Error}, {"butane-variant", Error}, {"butane-missing-key", Error}, {"butane-bad-tag", Error},
	{"butane-invalid", Error}, {"butane-error", Error}, {"butane-warning", Warning},
	// Lock.
	{"hash-with-latest", Error}, {"latest-own-source", Error}, {"not-lockable", Warning}, {"fetch-failed", Error},
	{"sums-no-line", Error}, {"sums-no-match", Error}, {"sums-invalid", Error}, {"splice-failed", Error},
	{"signature-missing", Error}, {"signature-invalid", Error},
	// Our own output was rejected, which is never the user's fault.
	{"internal-error", Error},
}

// problem is a diagnostic before it is placed in a file.
type problem struct {
	code Code
	msg  string
}

// subject names what is being read, so one set of messages serves specs and plain Butane files.
type subject struct {
	name      string // how messages call the file
	needs     string // the least it must hold
	keys      string // example top-level keys
	firstOnly string // what happens to a second document
}

var (
	specFile   = subject{"spec", "extensions, disable or flatcar_extensions", "extensions:", ""}
	butaneFile = subject{"Butane file", "variant: flatcar and version:", "variant: and storage:", " and butane reads only the first"}
)

// Reading a spec or a Butane file.

func msgTooLarge(s subject) problem {
	return problem{"too-large", s.name + " is larger than the 1 MiB limit; split it or remove what is not needed"}
}

func msgNotUTF8(s subject) problem {
	return problem{"not-utf8", s.name + " is not valid UTF-8; save it as UTF-8"}
}

func msgEmpty(s subject) problem {
	return problem{"empty", fmt.Sprintf("%s is empty; it needs at least %s", s.name, s.needs)}
}

func msgManyDocuments(s subject) problem {
	return problem{"many-documents", fmt.Sprintf("%s holds more than one YAML document%s; keep one and remove the '---' separators", s.name, s.firstOnly)}
}

func msgNotMapping(s subject, got string) problem {
	return problem{"not-mapping", fmt.Sprintf("%s must be a mapping of keys such as %s, not %s", s.name, s.keys, got)}
}

var (
	msgTabIndent  = problem{"tab-indent", "tab used for indentation; YAML needs spaces"}
	msgAlias      = problem{"yaml-alias", "YAML aliases are not supported; write the value out"}
	msgComplexKey = problem{"complex-key", "keys must be plain strings, not lists or mappings; write the key as text"}
	msgMergeKey   = problem{"merge-key", "YAML merge keys (<<) are not supported in included files; write the keys out"}
	msgNothing    = problem{"nothing-asked", "spec asks for nothing; add extensions, disable or flatcar_extensions"}
)

func msgBadChar(r rune) problem {
	return problem{"bad-character", fmt.Sprintf("character %U is not allowed in YAML; remove it, or write it as an escape in a double-quoted string", r)}
}

func msgYAML(detail string) problem {
	return problem{"invalid-yaml", "invalid YAML: " + strings.TrimPrefix(detail, "yaml: ")}
}

// Types and keys.

func msgWantMapping(what, got string) problem {
	return problem{"wrong-type", fmt.Sprintf("%s must be a mapping, not %s", what, got)}
}

func msgWantList(key, got string) problem {
	return problem{"wrong-type", fmt.Sprintf("%s must be a list, not %s", key, got)}
}

func msgWantString(key, got string) problem {
	hint := ""
	if got == "a number" || got == "a boolean" {
		hint = "; quote it"
	}
	return problem{"wrong-type", fmt.Sprintf("%s must be a string, not %s%s", key, got, hint)}
}

func msgWantBool(key, got string) problem {
	return problem{"wrong-type", fmt.Sprintf("%s must be true or false, not %s", key, got)}
}

func msgDuplicateKey(key string, firstLine int) problem {
	return problem{"duplicate-key", fmt.Sprintf("duplicate key %q; it is first set on line %d", key, firstLine)}
}

func msgUnknownKey(key, where string, allowed []string) problem {
	if near := closest(key, allowed); near != "" {
		return problem{"unknown-key", fmt.Sprintf("unknown key %q in %s; did you mean %q?", key, where, near)}
	}
	return problem{"unknown-key", fmt.Sprintf("unknown key %q in %s; use one of %s", key, where, strings.Join(allowed, ", "))}
}

func msgNotAllowed(what, got string, allowed []string) problem {
	return problem{"unknown-value", fmt.Sprintf("unknown %s %q; use %s", what, got, orList(allowed))}
}

func msgUnknownCode(code string) problem {
	return problem{"unknown-warning-code", fmt.Sprintf("unknown warning code %q; use a code from the README's list of diagnostics", code)}
}

func msgNotSilenceable(code string) problem {
	return problem{"not-silenceable", fmt.Sprintf("%q is an error, and errors cannot be silenced; fix what it reports", code)}
}

// Extensions.
var (
	msgNameMissing      = problem{"name-missing", "extension has no name; add name:"}
	msgNameRaw          = problem{"name-raw", "name must not end in .raw; the .raw is added for you"}
	msgNameReserved     = problem{"name-reserved", "name is reserved for Flatcar's own images; choose another name, or use disable: to turn a built-in off"}
	msgNeedSourceOrVers = problem{"source-or-version-missing", "extension needs a version (for a bakery image) or a source URL"}
	msgVersionEmpty     = problem{"version-empty", "version is empty; give the image's version, such as 28.0.4"}
	msgVersionChars     = problem{"version-path-chars", "version must not contain '/', '..' or whitespace; it becomes part of a file name and a URL"}
	msgVersionURL       = problem{"version-url-chars", "version must not contain '%', '?' or '#'; they would change the URL the image is downloaded from"}
)

func msgNameInvalid(name string) problem {
	return problem{"name-invalid", fmt.Sprintf("name %q is invalid; use at most 64 letters, digits, '.', '_', '+' or '-', starting with a letter or digit", name)}
}

func msgTooManyExtensions(n int) problem {
	return problem{"too-many-extensions", fmt.Sprintf("spec asks for %d images (extensions and flatcar_extensions), but a node can merge at most %d: "+
		"systemd-sysext stacks them and the node's /usr in one overlayfs mount, which takes at most 500 layers; "+
		"this is the first image past the limit", n, MaxExtensions)}
}

func msgNameDuplicate(name string, firstLine int) problem {
	return problem{"name-duplicate", fmt.Sprintf("extension %q is listed twice; the first is on line %d", name, firstLine)}
}

func msgDisableDuplicate(name string, firstLine int) problem {
	return problem{"disable-duplicate", fmt.Sprintf("%q is already disabled on line %d; remove this entry", name, firstLine)}
}

// URLs, hashes and headers.

func msgURL(key, u, why string) problem {
	return problem{"invalid-url", fmt.Sprintf("%s %q is not a URL Ignition can fetch: %s", key, MaskURLs(u), why)}
}

const (
	urlWhySpace    = "it contains whitespace or control characters; percent-encode them"
	urlWhyHost     = "it has no host"
	urlWhyUserinfo = "its user name or password has a character that must be percent-encoded"
	headerValueNL  = "must not contain line breaks or control characters"
)

var msgHashForm = problem{"invalid-hash", "hash must look like sha256-<64 hex digits> or sha512-<128 hex digits>"}

// folderField is a field naming a folder that file names are appended to, with what reads it and the schemes that reader takes.
type folderField struct{ key, reader, schemes string }

var (
	bakeryFolder = folderField{"bakery_url", "Ignition and systemd-sysupdate", "bakery_url is a web folder of NAME-VERSION-ARCH.raw images, so use an http or https URL"}
	updateFolder = folderField{"update source", "systemd-sysupdate", "systemd-sysupdate, not Ignition, reads update.source, so use an http or https folder URL, or an absolute local directory such as /var/lib/sysext-updates/NAME"}
)

func (f folderField) whyScheme(scheme string) string {
	if scheme == "" {
		return "it has no scheme; " + f.schemes
	}
	return fmt.Sprintf("scheme %q is not supported here; %s", scheme, f.schemes)
}

func msgFolderURL(f folderField, u, why string) problem {
	return problem{"invalid-url", fmt.Sprintf("%s %q is not a folder %s can read: %s", f.key, MaskURLs(u), f.reader, why)}
}

func msgFolderQuery(key, u string) problem {
	return problem{"url-query", fmt.Sprintf("%s %q must not have a query or fragment ('?' or '#'); file names are appended to its path", key, MaskURLs(u))}
}

func urlWhyScheme(scheme string) string {
	if scheme == "" {
		return "it has no scheme; use http, https, tftp, s3, gs or data"
	}
	return fmt.Sprintf("scheme %q is not supported; use http, https, tftp, s3, gs or data", scheme)
}

func msgHashAlgo(algo string) problem {
	return problem{"invalid-hash", fmt.Sprintf("unknown hash algorithm %q; use sha256 or sha512", algo)}
}

func msgHashLength(algo string, want, got int) problem {
	return problem{"invalid-hash", fmt.Sprintf("%s hash needs %d hex digits, not %d", algo, want, got)}
}

func msgHeaderName(name string) problem {
	return problem{"header-name-invalid", fmt.Sprintf("header name %q is not a valid HTTP token; use letters, digits and !#$%%&'*+-.^_`|~", name)}
}

func msgHeaderValue(name, why string) problem {
	return problem{"header-value-invalid", fmt.Sprintf("value of header %q %s", name, why)}
}

func msgHeaderDuplicate(name string, firstLine int) problem {
	return problem{"header-duplicate", fmt.Sprintf("header %q is set twice (names are case-insensitive); the first is on line %d", name, firstLine)}
}

func msgHeaderEmpty(name string) problem {
	return problem{"header-empty", fmt.Sprintf("value of header %q is empty; Ignition rejects empty header values", name)}
}

func msgHeadersScheme(scheme string) problem {
	return problem{"headers-not-http", fmt.Sprintf("headers are sent only over http or https, not %s; remove headers or change the source", scheme)}
}

// Plain Butane files (validate --butane).

func msgButaneMissing(key, example string) problem {
	return problem{"butane-missing-key", fmt.Sprintf("Butane file has no %s; add %s: %s", key, key, example)}
}

func msgButaneVariant(got string) problem {
	return problem{"butane-variant", fmt.Sprintf("variant %q is not supported; sysext-ign checks Butane for Flatcar, so use variant: flatcar", got)}
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

var msgButaneEntries = problem{"too-many-entries", fmt.Sprintf("file has more than %d entries (list items and mapping keys), more than sysext-ign checks in one go; split it or remove what is not needed", MaxIncludeEntries)}

func msgButaneBadTag(tag string) problem {
	return problem{"butane-bad-tag", fmt.Sprintf("the value tagged %s is not a valid %s; remove the tag or fix the value", tag, tag)}
}

func msgButaneValue(detail string) problem {
	return problem{"butane-invalid", "invalid Butane: " + detail}
}

// msgButaneReport passes on one finding of Butane's own translation and validation.
func msgButaneReport(fatal bool, msg string) problem {
	if fatal {
		return problem{"butane-error", msg}
	}
	return problem{"butane-warning", msg}
}

func msgInternal(stage, detail string) problem {
	return problem{"internal-error", fmt.Sprintf("internal error: %s rejected the generated config (%s); this is a bug in sysext-ign, please report it with the output of sysext-ign gen --debug", stage, detail)}
}

// orList renders allowed values as "a, b or c".
func orList(values []string) string {
	if len(values) == 1 {
		return values[0]
	}
	return strings.Join(values[:len(values)-1], ", ") + " or " + values[len(values)-1]
}

// Updates.
var (
	msgUpdateNeedsVersion = problem{"update-needs-version", "update needs a pinned version: add version: so the first image is placed at first boot"}
	msgUpdateNeedsSource  = problem{"update-needs-source", "an extension with its own source needs update.source: the folder URL holding SHA256SUMS and the images, or a local directory of images"}
	msgSeriesChars        = problem{"series-invalid", "series must be at most 64 characters, start with a letter or digit, hold only letters, digits, '.', '_', '+', '~' or '-', and have no '..'"}
)

func msgRestartNeedsRefresh(action string) problem {
	return problem{"restart-needs-refresh", fmt.Sprintf("restart needs action: refresh, since units are restarted after systemd-sysext refresh; with action: %s nothing is refreshed, so remove action: or restart:", action)}
}

func msgUnitName(name string) problem {
	return problem{"unit-name-invalid", fmt.Sprintf("%q is not a systemd unit name systemctl can restart; give the full name, such as consul.service or app@1.service (letters, digits, ':', '-', '_', '.', '\\', and '@' before an instance), of a %s", name, orList(restartTypes))}
}

var msgUpdateTimerUnused = problem{"update-timer-unused", "update_timer has no effect: no extension has update:, so no timer is enabled or masked; remove update_timer"}

func msgRestartSysupdate(name string) problem {
	return problem{"restart-sysupdate", fmt.Sprintf("%s runs the drop-in that would restart it, and restarting it from inside waits on itself; remove it from restart:", name)}
}

func msgUpdateDirInvalid(dir string) problem {
	return problem{"update-dir-invalid", fmt.Sprintf("local update source %q must be a clean absolute directory, such as /var/lib/sysext-updates/NAME: not /, and no '.', '..', '//' or whitespace", dir)}
}

func msgUpdateDirIsTarget(shown, in string) problem {
	return problem{"update-dir-is-target", fmt.Sprintf("local update source %s lies in %s, where sysext-ign, systemd-sysupdate or Flatcar keep their own files (in /opt/extensions/NAME, the link would never move); drop new images into another directory, such as /var/lib/sysext-updates/NAME", shown, in)}
}

func msgUpdateDirMerged(shown, in string) problem {
	return problem{"update-dir-is-target", fmt.Sprintf("local update source %s lies in %s, where systemd-sysext merges every image it finds, so each version kept there would be merged under its own name; drop new images into another directory, such as /var/lib/sysext-updates/NAME", shown, in)}
}

func msgUpdateDirVolatile(shown, in, why string) problem {
	return problem{"update-dir-volatile", fmt.Sprintf("local update source %s lies in %s, %s; use a directory that lasts and only root writes, such as /var/lib/sysext-updates/NAME", shown, in, why)}
}

func msgPathTooLong(why string) problem { return problem{"path-too-long", why + "; shorten it"} }

func msgUpdateType(got string) problem {
	return problem{"update-type", fmt.Sprintf("update must be true, false, or a mapping with series, source, action, restart and verify, not %s", got)}
}

// Signed update sources.
var (
	msgVerifyNeedsKeyring = problem{"verify-needs-keyring", "verify: true needs the keys that signed the update source; add update_keyring: with a file of OpenPGP public keys"}
	msgVerifyBakery       = problem{"verify-bakery", "the sysext-bakery does not sign its SHA256SUMS, so systemd-sysupdate would refuse every update; set update.source to a mirror you sign, or remove verify"}
	msgVerifyLocal        = problem{"verify-local", "systemd-sysupdate checks signatures only on lists it downloads, not on a local directory of images; remove verify, or serve the folder over http(s) with SHA256SUMS.gpg"}
	msgKeyringUnused      = problem{"keyring-unused", "update_keyring is not used, as no extension has update.verify: true, so it is not written to the node; add verify: true to the signed sources or remove update_keyring"}
)

func msgKeyringInvalid(path, why string) problem {
	return problem{"keyring-invalid", fmt.Sprintf("update_keyring %q %s", path, why)}
}

func msgKeyringTooLarge(path, why string) problem {
	return problem{"keyring-too-large", fmt.Sprintf("update_keyring %q %s", path, why)}
}

func msgKeyringExpired(path, key, date string) problem {
	return problem{"keyring-key-expired", fmt.Sprintf("update_keyring %q holds %s, which expired on %s; gpg on the node still accepts the signatures it made, and so does lock, so extend its expiry (gpg --quick-set-expire) and export it again, or remove it", path, key, date)}
}

func msgKeyringRevoked(path, key string) problem {
	return problem{"keyring-key-revoked", fmt.Sprintf("update_keyring %q holds %s, which its owner revoked; gpg on the node still accepts the signatures it makes, and so does lock, so whoever holds it can sign updates: remove it", path, key)}
}

// Why an update_keyring is refused, in the words of msgKeyringInvalid and msgKeyringTooLarge.
const (
	giveKeys          = "; give OpenPGP public keys, as gpg --export or gpg --export --armor writes them"
	keyringWhyParse   = "is not a list of OpenPGP keys" + giveKeys
	keyringWhyEmpty   = "holds no public key" + giveKeys
	keyringWhyPrivate = "holds a private key, which must not be written onto the node; export the public keys alone, with gpg --export KEYID"
)

var (
	keyringWhyKeys = fmt.Sprintf("holds more than %d keys, more than sysext-ign reads; keep the keys that sign update sources", MaxKeyringKeys)
	keyringWhyWork = fmt.Sprintf("holds more signatures than sysext-ign checks in one keyring (the work of %d Ed25519 signature checks, "+
		"fewer with larger keys); export each key with only the signatures verifying needs: gpg --export --export-options export-minimal KEYID", MaxKeyringWork)
)

func keyringWhyArmor(detail string) string { return "cannot be read: " + detail + giveKeys }

func keyringWhyKeyParse(n int, detail string) string {
	return fmt.Sprintf("holds key %d, which cannot be read (%s)%s", n, detail, giveKeys)
}

func keyringWhyVersion(key string) string {
	return fmt.Sprintf("holds %s, which is not an OpenPGP version 4 key, the version gpg on the node reads; make the key with gpg", key)
}

func keyringWhyAlgorithm(key string, algo int) string {
	return fmt.Sprintf("holds %s, of public-key algorithm %d, which gpg on the node does not use; use an Ed25519 or RSA key made with gpg", key, algo)
}

func keyringWhyKey(key string, id uint64, why string) string {
	return fmt.Sprintf("holds %s (ID %016X), which %s", key, id, why)
}

// Official Flatcar extensions.

func msgOfficialBuiltin(name, builtin string) problem {
	return problem{"official-builtin", fmt.Sprintf("%q cannot be set in flatcar_extensions: enabled-sysext.conf does not control the built-in docker and containerd; use disable: [%s] to turn it off",
		name, builtin)}
}

func msgOfficialOptOut(name string) problem {
	return problem{"official-opt-out", fmt.Sprintf("%q opts out, but official extensions are off unless listed; remove the entry (to turn off docker or containerd, use disable:)", name)}
}

func msgOfficialUnknown(name string, known []string) problem {
	return problem{"official-unknown", fmt.Sprintf("unknown official extension %q; known are %s (newer Flatcar releases may add more)", name, strings.Join(known, ", "))}
}

func msgOfficialInvalid(name string) problem {
	return problem{"official-invalid", fmt.Sprintf("official extension name %q is invalid; use letters, digits, '.', '_', '+' or '-'", name)}
}

func msgOfficialDuplicate(name string, firstLine int) problem {
	return problem{"official-duplicate", fmt.Sprintf("%q is already listed on line %d; remove this entry", name, firstLine)}
}

// Lint: configurations that generate but are likely wrong on the node.

func msgLintBothRuntimes(name, builtin string) problem {
	return problem{"builtin-still-merged", fmt.Sprintf("extension %q and the built-in %s would both be merged; add %s to disable:", name, builtin, builtin)}
}

func msgLintNoHash(scheme string) problem {
	return problem{"http-without-hash", fmt.Sprintf("image is fetched over %s without a hash, so nothing verifies it; add hash: or use https", scheme)}
}

var (
	msgLintUpdateHeaders = problem{"update-headers-dropped", "systemd-sysupdate cannot send HTTP headers, so later updates are fetched without them; make the update source readable without them"}
	msgLintLatest        = problem{"version-latest", `version "latest" is not resolved by gen and names no image; run sysext-ign lock to pin the newest version and its hash`}
	msgLintUpdateCA      = problem{"update-ca-untrusted", "systemd-sysupdate trusts only the node's system certificates, not ca:, so https updates from a private CA fail; add the CA to the node's trust store or use a publicly trusted certificate"}
	msgLintDeadURL       = problem{"dead-url", "URLs with releases/latest/download or releases/download/latest are dead on the sysext-bakery; name the release or use the bakery URL with a version"}
)

func msgLintDirectoryMask(name string) problem {
	return problem{"directory-mask-ignored", fmt.Sprintf("disable_method directory leaves %s merged on Flatcar, where systemd-sysext reads Flatcar's own link to it before the empty directory; use disable_method link", name)}
}

func msgLintBakeryBare(name string) problem {
	return problem{"bakery-unversioned-url", fmt.Sprintf("the bakery serves no %s.raw: it redirects only NAME-VERSION-ARCH.raw, such as %s/%s-1.2.3-x86-64.raw; name the version in the URL, or drop source: and set version:", name, defaultBakeryURL, name)}
}

func msgLintUpdateArch(arch, node string) problem {
	return problem{"update-arch-switch", fmt.Sprintf("arch %s differs from the node's %s, but systemd-sysupdate matches images of the node's own architecture (%%a), so the first update would switch architectures; drop arch: here or set the top-level arch", arch, node)}
}

func msgLintVersionedName(name string) problem {
	return problem{"versioned-name", fmt.Sprintf("name %q looks versioned; systemd-sysext loads NAME.raw only when NAME matches the image's extension-release file, so give the bare name and put the version in version:", name)}
}

func msgLintSeries(series, version string) problem {
	return problem{"series-mismatch", fmt.Sprintf("series %q does not match version %q: the pinned image must be named NAME-%s.<rest>-ARCH.raw to be tracked; use a series that version starts with", series, version, series)}
}

// Files the spec names: CA certificates and included Butane.

const (
	readWhyNoFiles  = "files cannot be read in this mode"
	readWhyTooLarge = "it is larger than 1 MiB"
	readWhyTotal    = "the CA, included and keyring files of a spec may total at most 1 MiB; this file goes past that, so it and the files after it are not read"
)

func msgIncludeEntries(path string) problem {
	return problem{"too-many-entries", fmt.Sprintf("included Butane %q goes past %d entries (list items and mapping keys) in all included files together, so it and the files after it are not used; remove what is not needed", path, MaxIncludeEntries)}
}

func msgTooManyHeaders(n int) problem {
	return problem{"too-many-headers", fmt.Sprintf("headers has %d entries, but at most %d are allowed; this is the first past the limit", n, MaxHeaders)}
}

func msgTooManyFiles(n int) problem {
	return problem{"too-many-files", fmt.Sprintf("spec lists %d files in ca, include and update_keyring, but at most %d are read; this is the first past the limit, so merge some of them", n, MaxFiles)}
}

func msgListedTwice(what, path string, firstLine int) problem {
	return problem{"listed-twice", fmt.Sprintf("%s %q is listed twice; the first is on line %d, so remove this one", what, path, firstLine)}
}

func msgCAAgain(path, first string) problem {
	return problem{"ca-duplicate", fmt.Sprintf("CA file %q holds the same certificates as %q; list them once", path, first)}
}

func msgCannotRead(what, path, why string) problem {
	return problem{"cannot-read", fmt.Sprintf("cannot read %s %q: %s", what, path, why)}
}

func msgCANotPEM(path string) problem {
	return problem{"ca-not-pem", fmt.Sprintf("CA file %q holds no PEM certificate; give a file of -----BEGIN CERTIFICATE----- blocks", path)}
}

func msgIncludeVersion(got, want string) problem {
	return problem{"include-version", fmt.Sprintf("included Butane has version %q but the spec's butane_version is %s; use the same version in both", got, want)}
}

func msgIncludeConflictHidden(what, other string) problem {
	return problem{"include-conflict", fmt.Sprintf("this %s is also written by %s; each may be set only once", what, other)}
}

func msgIncludeConflict(what, key, other string) problem {
	return problem{"include-conflict", fmt.Sprintf("%s %q is also written by %s; each may be set only once", what, key, other)}
}

func msgIncludeInside(kind, p, outerKind, outer, other string) problem {
	return problem{"include-nested", fmt.Sprintf("%s %q lies inside %s %q, which %s writes; nothing can be written inside a file or link", kind, p, outerKind, outer, other)}
}

func msgIncludeContains(kind, p, innerKind, inner, other string) problem {
	return problem{"include-nested", fmt.Sprintf("%s %q would contain %s %q, which %s writes; nothing can be written inside a file or link", kind, p, innerKind, inner, other)}
}

func msgIncludeSetTwice(key, other string) problem {
	return problem{"include-conflict", fmt.Sprintf("%s is also set by %s; set it in one place", key, other)}
}
