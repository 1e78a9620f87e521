package generator

import (
	"fmt"
	"strings"
)

// Kinds is every kind of diagnostic sysext-ign reports, lock's included: the one home of its stable code, its severity
// and its documentation, from which docs/diagnostics.md and the JSON Schema's ignore_warnings are generated.
var Kinds = []Kind{
	// Reading a spec or a Butane file.
	{Code: "too-large", Severity: Error,
		Means: "The spec, or a file checked with validate --butane, is larger than 1 MiB, the most sysext-ign reads.",
		Fix:   "Split it, or remove what is not needed; real specs are a few kilobytes."},
	{Code: "not-utf8", Severity: Error,
		Means: "The file has bytes that are not UTF-8; the diagnostic points at the first.",
		Fix:   "Save the file as UTF-8."},
	{Code: "bad-character", Severity: Error,
		Means: "The file has a character that YAML does not allow, such as a control character.",
		Fix:   "Remove it, or write it as an escape (\\u0001) in a double-quoted string."},
	{Code: "empty", Severity: Error,
		Means: "The file has no content, or only comments.",
		Fix:   "Add at least extensions, disable or flatcar_extensions to a spec, or variant: and version: to a Butane file."},
	{Code: "many-documents", Severity: Error,
		Means: "The file holds more than one YAML document, separated by ---; Butane reads only the first, so the others would be lost.",
		Fix:   "Keep one document."},
	{Code: "invalid-yaml", Severity: Error,
		Means: "The YAML does not parse, most often because of indentation. The line is the one that breaks the block when sysext-ign can find it, else the one the YAML library names; a column is given only when the library gives one.",
		Fix:   "Fix the YAML there; indent list items and keys with spaces, the same amount at each level."},
	{Code: "tab-indent", Severity: Error,
		Means: "A tab is used for indentation, where YAML allows only spaces.",
		Fix:   "Replace the tab with spaces."},
	{Code: "yaml-alias", Severity: Error,
		Means: "The file uses a YAML alias (*name); aliases are refused, so no input can expand into unbounded work.",
		Fix:   "Write the value out."},
	{Code: "merge-key", Severity: Error,
		Means: "An included Butane file uses a YAML merge key (<<:), whose keys the merge of included files would not see.",
		Fix:   "Write the keys out."},
	{Code: "complex-key", Severity: Error,
		Means: "A key is a list or a mapping (? [a, b]) instead of text.",
		Fix:   "Write the key as plain text."},
	{Code: "not-mapping", Severity: Error,
		Means: "The top level of the file is a list or a single value instead of a mapping of keys.",
		Fix:   "Start the file with keys, such as extensions: in a spec or variant: in a Butane file."},
	{Code: "nothing-asked", Severity: Error,
		Means: "The spec has no extension, no disable and no official extension, so its config would do nothing.",
		Fix:   "Add extensions, disable or flatcar_extensions."},
	// Types and keys.
	{Code: "wrong-type", Severity: Error,
		Means: "A value has the wrong type, such as a list where a string is expected, or a number where text is.",
		Fix:   "Write the type the message names; quote a number or a boolean meant as text."},
	{Code: "duplicate-key", Severity: Error,
		Means: "A key is set twice in one mapping, and YAML would keep only one of the values.",
		Fix:   "Remove one; the message names the line of the first."},
	{Code: "unknown-key", Severity: Error,
		Means: "A key is not part of the spec format, most often a typo; the message suggests the nearest key. A misspelt key is reported instead of what its absence causes, such as a missing version.",
		Fix:   "Correct the key, or remove it; docs/spec.md lists every key."},
	{Code: "unknown-value", Severity: Error,
		Means: "A value is not one the key allows, such as arch: i386; the message suggests the nearest value or lists them all.",
		Fix:   "Use one of the values the message names."},
	{Code: "unknown-warning-code", Severity: Error,
		Means: "ignore_warnings names a code that sysext-ign does not have.",
		Fix:   "Use a warning's code from this page."},
	{Code: "not-silenceable", Severity: Error,
		Means: "ignore_warnings names the code of an error. Errors always stop generation, so they cannot be silenced.",
		Fix:   "Fix what the error reports, and remove its code from ignore_warnings."},
	// Extensions and disable.
	{Code: "name-missing", Severity: Error,
		Means: "An extension, or a flatcar_extensions item written as a mapping, has no name.",
		Fix:   "Add name:, for an extension the name of the image's extension-release file, for a flatcar_extensions item the official extension's name."},
	{Code: "name-invalid", Severity: Error,
		Means: "The name is longer than 64 characters, or has characters an image name cannot have.",
		Fix:   "Use at most 64 letters, digits, '.', '_', '+' or '-', starting with a letter or digit."},
	{Code: "name-raw", Severity: Error,
		Means: "The name ends in .raw, which sysext-ign adds itself.",
		Fix:   "Drop the .raw."},
	{Code: "name-reserved", Severity: Error,
		Means: "The name is one of Flatcar's own images (docker-flatcar, containerd-flatcar, flatcar-*, oem-*), which the extension would replace.",
		Fix:   "Choose another name; to turn a built-in off, use disable:."},
	{Code: "name-duplicate", Severity: Error,
		Means: "Two extensions have the same name and would write the same /etc/extensions/NAME.raw.",
		Fix:   "Remove one, or rename it."},
	{Code: "source-or-version-missing", Severity: Error,
		Means: "An extension has neither version: (for a bakery image) nor source: (for an image URL), so there is nothing to download.",
		Fix:   "Add version: for a bakery image, or source: for your own image."},
	{Code: "version-empty", Severity: Error,
		Means: "version: is empty.",
		Fix:   "Give the image's version as the bakery names it, such as 28.0.4 or v1.32.2."},
	{Code: "version-path-chars", Severity: Error,
		Means: "The version has '/', '..' or whitespace, which would change the file name and the URL it becomes part of.",
		Fix:   "Give the version as it appears in the image's file name."},
	{Code: "version-url-chars", Severity: Error,
		Means: "The version has '%', '?' or '#', which would change the URL the image is downloaded from.",
		Fix:   "Give the version as it appears in the image's file name."},
	{Code: "latest-unresolved", Severity: Error,
		Means: "version: latest names no image: gen does not resolve it, and Ignition's download of NAME-latest-ARCH.raw would fail the first boot.",
		Fix:   "Run sysext-ign lock, which resolves it to the newest version and pins its hash."},
	{Code: "too-many-extensions", Severity: Error,
		Means: "The spec asks for more images than a node can merge: systemd-sysext stacks every image and the node's /usr in one overlayfs mount, which takes at most 500 layers.",
		Fix:   "Ask for at most 499 images, extensions and flatcar_extensions together."},
	{Code: "disable-duplicate", Severity: Warning,
		Means: "A built-in is listed twice in disable:.",
		Fix:   "Remove the second entry."},
	{Code: "directory-mask-ignored", Severity: Warning,
		Means: "disable_method: directory writes an empty directory, which does not turn a built-in sysext off on today's Flatcar: systemd-sysext reads Flatcar's own link of that name first.",
		Fix:   "Use disable_method: link, the default."},
	// URLs, hashes and headers.
	{Code: "invalid-url", Severity: Error,
		Means: "A URL is not one Ignition or systemd-sysupdate can fetch: its scheme is not supported there, it has no host or has whitespace, or its user name or password has a character that must be percent-encoded.",
		Fix:   "Use a scheme the message lists, and percent-encode what needs it."},
	{Code: "url-query", Severity: Error,
		Means: "bakery_url or update.source has a query or a fragment ('?' or '#'); file names are appended to its path, so they would land after it.",
		Fix:   "Remove the query or fragment."},
	{Code: "invalid-hash", Severity: Error,
		Means: "hash: is not sha256-<64 hex digits> or sha512-<128 hex digits>.",
		Fix:   "Write sha256- followed by what sha256sum prints for the image, or let sysext-ign lock write it."},
	{Code: "header-name-invalid", Severity: Error,
		Means: "A header name is not an HTTP token.",
		Fix:   "Use a name such as Authorization or X-Token: letters, digits and !#$%&'*+-.^_|~ and the backquote."},
	{Code: "header-value-invalid", Severity: Error,
		Means: "A header value has a line break or another control character, which HTTP does not allow.",
		Fix:   "Remove it; the message never shows the value, which may be a secret."},
	{Code: "header-empty", Severity: Error,
		Means: "A header value is empty, and Ignition refuses empty header values.",
		Fix:   "Give the value, or remove the header."},
	{Code: "header-duplicate", Severity: Error,
		Means: "A header is set twice in one mapping; header names are case-insensitive.",
		Fix:   "Keep one."},
	{Code: "headers-not-http", Severity: Error,
		Means: "An extension has headers, but its source is not http or https, and headers are sent only over HTTP.",
		Fix:   "Remove the headers, or serve the image over http or https."},
	{Code: "too-many-headers", Severity: Error,
		Means: "A headers mapping has more than 4 entries; Ignition's check of a download's headers grows faster than their number.",
		Fix:   "Send at most 4 headers."},
	// Updates.
	{Code: "update-type", Severity: Error,
		Means: "update: is not true, false or a mapping.",
		Fix:   "Write update: true, or a mapping of series, source, action, restart and verify."},
	{Code: "update-needs-version", Severity: Error,
		Means: "An extension with update: has no version:, so there is no first image to place at first boot.",
		Fix:   "Add version: with the version to start from."},
	{Code: "update-needs-source", Severity: Error,
		Means: "An extension with its own source: and update: has no update.source, so systemd-sysupdate would not know where to look for new versions.",
		Fix:   "Add update.source: the folder URL that holds SHA256SUMS and the images, or a directory on the node."},
	{Code: "series-invalid", Severity: Error,
		Means: "update.series has characters that would break systemd-sysupdate's match pattern, or is longer than 64 characters.",
		Fix:   "Use letters, digits, '.', '_', '+', '~' or '-', with no '..', such as v1.32."},
	{Code: "restart-needs-refresh", Severity: Error,
		Means: "restart: names units, but action: is reboot or none, after which nothing is refreshed or restarted.",
		Fix:   "Remove action: (restart: implies refresh), or remove restart:."},
	{Code: "unit-name-invalid", Severity: Error,
		Means: "A restart: entry is not the full name of a systemd unit of a type that can be restarted.",
		Fix:   "Give the full name with its type, such as consul.service or app@1.service."},
	{Code: "restart-sysupdate", Severity: Error,
		Means: "restart: names systemd-sysupdate's own service, which runs the drop-in and would wait on itself.",
		Fix:   "Remove it from restart:."},
	{Code: "update-dir-invalid", Severity: Error,
		Means: "A local update.source is not a clean absolute directory.",
		Fix:   "Use an absolute path without '.', '..', '//' or whitespace, such as /var/lib/sysext-updates/NAME."},
	{Code: "update-dir-is-target", Severity: Error,
		Means: "A local update.source lies in a directory where sysext-ign, systemd-sysupdate or Flatcar keep their own files, or where systemd-sysext merges every image it finds; /bin, /sbin, /lib and /lib64 count as the /usr they lead to on Flatcar.",
		Fix:   "Use another directory, such as /var/lib/sysext-updates/NAME."},
	{Code: "update-dir-volatile", Severity: Error,
		Means: "A local update.source lies in /tmp, /var/tmp, /run, /dev, /proc or /sys (or reaches one through Flatcar's root links): a tmpfs hides the directory Ignition created, and under /tmp any local user can recreate it and drop an image that root's systemd-sysupdate installs and merges into /usr.",
		Fix:   "Use a directory that lasts and only root writes, such as /var/lib/sysext-updates/NAME."},
	{Code: "path-too-long", Severity: Error,
		Means: "A path (a local update.source, or a storage path, link target or mount path in an included file) is longer than Linux's PATH_MAX, has a name longer than NAME_MAX, or has more components than a real path has.",
		Fix:   "Shorten the path."},
	{Code: "update-timer-unused", Severity: Warning,
		Means: "update_timer is set, but no extension has update:, so there is no timer to enable or mask.",
		Fix:   "Remove update_timer."},
	// Signed update sources.
	{Code: "verify-needs-keyring", Severity: Error,
		Means: "update.verify is true, but the spec has no update_keyring with the keys that sign the update source.",
		Fix:   "Add update_keyring: with a file of OpenPGP public keys, such as gpg --export --armor KEYID writes."},
	{Code: "verify-bakery", Severity: Error,
		Means: "update.verify is true for a bakery image, but the sysext-bakery does not sign its SHA256SUMS, so every update would be refused.",
		Fix:   "Set update.source to a mirror you sign, or remove verify."},
	{Code: "verify-local", Severity: Error,
		Means: "update.verify is true with a local update directory, but systemd-sysupdate checks signatures only on lists it downloads.",
		Fix:   "Remove verify, or serve the folder over http or https with SHA256SUMS.gpg."},
	{Code: "keyring-invalid", Severity: Error,
		Means: "update_keyring does not hold OpenPGP public keys that gpg and systemd-sysupdate accept: it holds a private key or subkey, a damaged or unreadable key or armor block, or a key of a version, algorithm or size gpg refuses.",
		Fix:   "Export public keys only, with gpg --export or gpg --export --armor."},
	{Code: "keyring-too-large", Severity: Error,
		Means: "update_keyring holds more keys, or keys whose signatures cost more to check, than sysext-ign checks in one go; the bound keeps every keyring within the 2 s promise.",
		Fix:   "Keep only the keys that sign your update sources."},
	{Code: "keyring-unused", Severity: Warning,
		Means: "update_keyring is set, but no extension has update.verify: true, so the keyring is not written to the node.",
		Fix:   "Add verify: true to the signed update sources, or remove update_keyring."},
	{Code: "keyring-key-expired", Severity: Warning,
		Means: "update_keyring holds a key (or signing subkey) that has expired; gpg on the node still accepts the signatures it made, and so does lock.",
		Fix:   "Extend its expiry (gpg --quick-set-expire) and export it again, or remove it."},
	{Code: "keyring-key-revoked", Severity: Warning,
		Means: "update_keyring holds a key (or signing subkey) that its owner revoked; gpg on the node still accepts the signatures it makes, so whoever holds it can sign updates.",
		Fix:   "Remove it from update_keyring."},
	// Official Flatcar extensions.
	{Code: "official-builtin", Severity: Error,
		Means: "flatcar_extensions names docker or containerd, which enabled-sysext.conf does not control: they are Flatcar's built-ins.",
		Fix:   "To turn the built-in off, use disable: [docker-flatcar] or [containerd-flatcar]; to keep it, remove the entry."},
	{Code: "official-opt-out", Severity: Error,
		Means: "flatcar_extensions has a -NAME entry, but official extensions are off unless listed: Flatcar's own default list, /usr/share/flatcar/enabled-sysext.conf, is empty, so there is nothing to opt out of.",
		Fix:   "Remove the entry."},
	{Code: "official-invalid", Severity: Error,
		Means: "An official extension name has characters no Flatcar extension name has.",
		Fix:   "Use letters, digits, '.', '_', '+' or '-'."},
	{Code: "official-unknown-name", Severity: Error,
		Means: "flatcar_extensions names an extension Flatcar does not build; Flatcar's initrd fails the first boot when it cannot download a listed name.",
		Fix:   "Check the spelling against the official extensions in docs/spec.md; for a name newer than sysext-ign's table, write {name: NAME, since: RELEASE}."},
	{Code: "official-bakery-image", Severity: Error,
		Means: "flatcar_extensions names a sysext-bakery image, such as kubernetes, which Flatcar's release server does not have, so the first boot would fail.",
		Fix:   "List it under extensions: with its version, such as {name: kubernetes, version: v1.32.2}."},
	{Code: "official-nvidia", Severity: Error,
		Means: "flatcar_extensions names an NVIDIA driver extension that Flatcar does not build; it builds only the six in docs/spec.md.",
		Fix:   "Use one of the six names, or, for a driver newer than sysext-ign's table, write {name: NAME, since: RELEASE}."},
	{Code: "official-arch", Severity: Error,
		Means: "Flatcar does not build this official extension for the spec's arch (the NVIDIA drivers are x86-64 only), so the first boot would fail.",
		Fix:   "Remove the entry, or generate the config for an architecture Flatcar builds it for."},
	{Code: "official-since-invalid", Severity: Error,
		Means: "since: in a flatcar_extensions item is not a Flatcar release number.",
		Fix:   "Give the first release that ships the extension, such as 4426.0.0."},
	{Code: "official-duplicate", Severity: Warning,
		Means: "An official extension is listed twice.",
		Fix:   "Remove the second entry."},
	{Code: "official-unlisted", Severity: Warning,
		Means: "A flatcar_extensions item names, with since:, an extension that is not in sysext-ign's table; it is enabled on the word of since:, and Flatcar fails the boot of an older release, or if the name is wrong.",
		Fix:   "Make sure the node runs that release or newer; add official-unlisted to ignore_warnings once you have."},
	{Code: "official-since-mismatch", Severity: Warning,
		Means: "since: disagrees with the first release in sysext-ign's table for a name the table has; the table's release is used.",
		Fix:   "Remove since:."},
	// Lint: configurations that generate but are likely wrong on the node.
	{Code: "builtin-still-merged", Severity: Warning,
		Means: "An extension named docker or containerd is placed while Flatcar's built-in image of that runtime is not disabled, so both would be merged.",
		Fix:   "Add docker-flatcar or containerd-flatcar to disable:."},
	{Code: "http-without-hash", Severity: Warning,
		Means: "An image is fetched over http or tftp without hash:, so nothing checks what arrives.",
		Fix:   "Add hash: (sysext-ign lock writes it), or use https."},
	{Code: "dead-url", Severity: Warning,
		Means: "A source uses releases/latest/download or releases/download/latest, URLs the sysext-bakery no longer serves.",
		Fix:   "Name the release in the URL, or drop source: and set version:."},
	{Code: "bakery-unversioned-url", Severity: Warning,
		Means: "A source is https://extensions.flatcar.org/extensions/NAME.raw, which the bakery does not serve: it redirects only NAME-VERSION-ARCH.raw.",
		Fix:   "Name the version in the URL, or drop source: and set version:."},
	{Code: "versioned-name", Severity: Warning,
		Means: "The name looks versioned (docker-28.0.4, or ending in -x86-64); systemd-sysext merges NAME.raw only when NAME matches the image's extension-release file.",
		Fix:   "Use the name of the image's extension-release file, and put the version in version:."},
	{Code: "series-mismatch", Severity: Warning,
		Means: "version does not start with update.series, so the pinned image lies outside the series systemd-sysupdate tracks.",
		Fix:   "Use a series that version starts with, such as v1.32 for v1.32.2."},
	{Code: "update-headers-dropped", Severity: Warning,
		Means: "An extension with update: needs headers for its downloads, but systemd-sysupdate cannot send headers, so later updates are fetched without them.",
		Fix:   "Make the update source readable without headers."},
	{Code: "update-ca-untrusted", Severity: Warning,
		Means: "An extension updates over https while the spec has ca:, but systemd-sysupdate trusts only the node's system certificates.",
		Fix:   "Add the CA to the node's trust store, or serve the updates with a publicly trusted certificate."},
	{Code: "update-arch-switch", Severity: Warning,
		Means: "An extension with update: has an arch: other than the top-level one, but systemd-sysupdate fetches images of the node's own architecture, so the first update would switch.",
		Fix:   "Drop arch: on the extension, or set the top-level arch."},
	// Files the spec names, and plain Butane.
	{Code: "too-many-files", Severity: Error,
		Means: "The spec lists more than 100 files in ca, include and update_keyring together.",
		Fix:   "Merge some of them."},
	{Code: "too-many-entries", Severity: Error,
		Means: "The included Butane files together, or a file checked with validate --butane, have more than 2,500 entries (list items and mapping keys); Butane's work grows faster than the entries.",
		Fix:   "Split the configuration, or remove what is not needed."},
	{Code: "listed-twice", Severity: Error,
		Means: "A file is listed twice in ca, include or update_keyring, perhaps under another spelling of its path.",
		Fix:   "Remove the second entry."},
	{Code: "cannot-read", Severity: Error,
		Means: "A file cannot be read: it is missing or not a regular file, it is larger than 1 MiB, or the files a spec names go past 1 MiB together.",
		Fix:   "Check the path (relative to the spec's directory) and the file's size."},
	{Code: "ca-not-pem", Severity: Error,
		Means: "A ca: file holds no PEM certificate.",
		Fix:   "Give a file of -----BEGIN CERTIFICATE----- blocks."},
	{Code: "ca-duplicate", Severity: Error,
		Means: "Two ca: files hold the same certificates.",
		Fix:   "List them once."},
	{Code: "include-version", Severity: Error,
		Means: "An included Butane file's version differs from the spec's butane_version.",
		Fix:   "Use the same version in both."},
	{Code: "include-conflict", Severity: Error,
		Means: "An included file writes something the spec or another included file writes too: the same path, unit, user, group, device or setting.",
		Fix:   "Write each in one place."},
	{Code: "include-nested", Severity: Error,
		Means: "An included file writes a path inside a file or link that something else writes, or around one.",
		Fix:   "Move one of them; nothing can be written inside a file or a link."},
	{Code: "butane-variant", Severity: Error,
		Means: "A Butane file has a variant other than flatcar.",
		Fix:   "Use variant: flatcar."},
	{Code: "butane-missing-key", Severity: Error,
		Means: "A Butane file has no variant: or no version:.",
		Fix:   "Add the key the message names."},
	{Code: "butane-bad-tag", Severity: Error,
		Means: "A value in a Butane file has a YAML tag that its text does not fit, such as !!int on text; the value is not shown, as it may be a password hash.",
		Fix:   "Remove the tag, or fix the value."},
	{Code: "butane-invalid", Severity: Error,
		Means: "A value in a Butane file does not fit where it is, such as a mapping where Butane expects a list.",
		Fix:   "Write the type the message names."},
	{Code: "butane-error", Severity: Error,
		Means: "Butane or Ignition refuses a Butane file; the message is theirs, except where Butane's advice is about its own command line, which sysext-ign replaces with what works here.",
		Fix:   "Fix what the message says, where it points."},
	{Code: "butane-warning", Severity: Warning,
		Means: "Butane warns about an included or checked Butane file, for example about a key it does not use.",
		Fix:   "Fix what the message says; most often it is a misspelt key."},
	// Lock.
	{Code: "hash-with-latest", Severity: Error,
		Means: "An extension has version: latest and a hash:, but a hash belongs to one version.",
		Fix:   "Remove hash: and let lock write both, or write the version."},
	{Code: "latest-own-source", Severity: Error,
		Means: "version: latest on an extension with its own source:, but lock resolves latest only for bakery images.",
		Fix:   "Write the version."},
	{Code: "not-lockable", Severity: Warning,
		Means: "lock finds no checksum list for an extension: it has its own source: and no update.source, or a local one.",
		Fix:   "Add hash: by hand (sha256sum the image), or give the extension an update.source that serves SHA256SUMS."},
	{Code: "fetch-failed", Severity: Error,
		Means: "lock could not download a checksum list; the message names the URL and the reason.",
		Fix:   "Check the URL, the network, and the headers and CA the spec gives."},
	{Code: "sums-no-line", Severity: Error,
		Means: "The checksum list has no line for the image lock looks for.",
		Fix:   "Check the extension's version and arch against the list the mirror serves."},
	{Code: "sums-no-match", Severity: Error,
		Means: "For version: latest, the checksum list names no image of that name (and series).",
		Fix:   "Check the name and series against the list the mirror serves."},
	{Code: "sums-invalid", Severity: Error,
		Means: "The checksum list has a line that systemd-sysupdate would refuse.",
		Fix:   "Fix the list on the server: HASH  FILE lines, each ending in a newline."},
	{Code: "splice-failed", Severity: Error,
		Means: "lock could not add the pins to the spec without changing anything else, so it wrote nothing.",
		Fix:   "Add the pins the message prints by hand."},
	{Code: "signature-missing", Severity: Error,
		Means: "update.verify is true, but the update source serves no SHA256SUMS.gpg.",
		Fix:   "Sign the list on the mirror: gpg --detach-sign SHA256SUMS."},
	{Code: "signature-invalid", Severity: Error,
		Means: "SHA256SUMS.gpg is not a good signature of SHA256SUMS by a key in update_keyring.",
		Fix:   "Sign with a key in update_keyring, or add the signing key to it."},
	{Code: "image-unreachable", Severity: Error,
		Means: "lock asked for an image URL that Ignition will download at first boot, and the server did not answer with success; the message names the URL and the status.",
		Fix:   "Publish the image at that URL, or correct version, arch or source; docs/mirrors.md lists the layout a mirror serves."},
	{Code: "not-pinned", Severity: Error,
		Means: "lock --check found an extension without hash:, or with version: latest.",
		Fix:   "Run sysext-ign lock to pin it, or add hash: by hand for an image lock cannot find a list for."},
	{Code: "hash-not-listed", Severity: Error,
		Means: "lock --check found that the checksum list no longer lists the pinned hash for the image, so Ignition would refuse what the server now sends.",
		Fix:   "Check the new image, then remove hash: and run sysext-ign lock."},
	{Code: "pinned-spec-invalid", Severity: Error,
		Means: "With the pins written, gen would refuse the spec (for example, it would grow past 1 MiB), so lock wrote nothing.",
		Fix:   "Fix what the message names, and run lock again."},
	// Our own output was rejected, which is never the user's fault.
	{Code: "internal-error", Severity: Error,
		Means: "Butane or Ignition refused the config that sysext-ign generated: a bug in sysext-ign, not in the spec.",
		Fix:   "Report it, with the output of sysext-ign gen --debug."},
}

// retirement is a code that was a warning and is now an error under a code of its own.
type retirement struct{ Code, Now Code }

// retirements lists the retired warning codes, so ignore_warnings naming one gets an error that says what it became.
var retirements = []retirement{{"official-unknown", "official-unknown-name"}, {"version-latest", "latest-unresolved"}}

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

func msgUnknownKey(key, where, near string, allowed []string) problem {
	if near != "" {
		return problem{"unknown-key", fmt.Sprintf("unknown key %q in %s; did you mean %q?", key, where, near)}
	}
	return problem{"unknown-key", fmt.Sprintf("unknown key %q in %s; use one of %s", key, where, strings.Join(allowed, ", "))}
}

func msgNotAllowed(what, got string, allowed []string) problem {
	if near := Nearest(got, allowed); near != "" {
		return problem{"unknown-value", fmt.Sprintf("unknown %s %q; did you mean %q?", what, got, near)}
	}
	return problem{"unknown-value", fmt.Sprintf("unknown %s %q; use %s", what, got, orList(allowed))}
}

// msgButaneVersion refuses a version Butane may well know, such as 1.2.0-experimental, but sysext-ign does not write.
func msgButaneVersion(what, got string) problem {
	return problem{"unknown-value", fmt.Sprintf("%s %q is not supported; use %s", what, got, orList(butaneVersions()))}
}

func msgUnknownCode(code string) problem {
	return problem{"unknown-warning-code", fmt.Sprintf("unknown warning code %q; use a code from docs/diagnostics.md", code)}
}

func msgNotSilenceable(code string) problem {
	return problem{"not-silenceable", fmt.Sprintf("%q is an error, and errors cannot be silenced; fix what it reports", code)}
}

func msgRetired(r retirement) problem {
	return problem{"not-silenceable", fmt.Sprintf("%q was a warning and is now the error %q, which cannot be silenced; remove it from ignore_warnings and fix what the error reports", r.Code, r.Now)}
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
	msgLatestUnresolved = problem{"latest-unresolved", `version "latest" names no image, so Ignition's download would fail the first boot; run sysext-ign lock, which resolves it to the newest version and pins its hash`}
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

func msgButaneEntries() problem {
	return problem{"too-many-entries", fmt.Sprintf("file has more than %d entries (list items and mapping keys), more than sysext-ign checks in one go; split it or remove what is not needed", MaxIncludeEntries)}
}

func msgButaneBadTag(tag string) problem {
	return problem{"butane-bad-tag", fmt.Sprintf("the value tagged %s is not a valid %s; remove the tag or fix the value", tag, tag)}
}

func msgButaneValue(detail string) problem {
	return problem{"butane-invalid", "invalid Butane: " + detail}
}

// Butane's advice about its own command line, -d/--files-dir, becomes what works with sysext-ign, which reads no files directory.
const (
	butaneNoFilesDir = "local: contents need a files directory, which sysext-ign does not read; put the contents in inline:, or a data: URL in source:"
	butaneNoTreesDir = "trees: copy a local directory, which needs a files directory that sysext-ign does not read; list each file under storage.files with inline: contents"
)

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

// msgKeyring reports the update_keyring at path refused, under the code its reason carries.
func msgKeyring(path string, why keyringWhy) problem {
	return problem{why.code, fmt.Sprintf("update_keyring %q %s", path, why.text)}
}

func msgKeyringExpired(path, key, date string) problem {
	return problem{"keyring-key-expired", fmt.Sprintf("update_keyring %q holds %s, which expired on %s; gpg on the node still accepts the signatures it made, and so does lock, so extend its expiry (gpg --quick-set-expire) and export it again, or remove it", path, key, date)}
}

func msgKeyringRevoked(path, key string) problem {
	return problem{"keyring-key-revoked", fmt.Sprintf("update_keyring %q holds %s, which its owner revoked; gpg on the node still accepts the signatures it makes, and so does lock, so whoever holds it can sign updates: remove it", path, key)}
}

// keyringWhy is why an update_keyring is refused, typed so that the code it is reported under is chosen without comparing text.
type keyringWhy struct {
	code Code   // keyring-invalid, or keyring-too-large for a keyring past the bounds; "" when nothing is wrong
	text string // what follows update_keyring "FILE" in the message
}

func keyringInvalid(text string) keyringWhy { return keyringWhy{"keyring-invalid", text} }

const giveKeys = "; give OpenPGP public keys, as gpg --export or gpg --export --armor writes them"

// Reasons that need no formatting are variables, static data rather than work at start-up.
var (
	keyringWhyParse   = keyringWhy{"keyring-invalid", "is not a list of OpenPGP keys" + giveKeys}
	keyringWhyEmpty   = keyringWhy{"keyring-invalid", "holds no public key" + giveKeys}
	keyringWhyPrivate = keyringWhy{"keyring-invalid", "holds a private key, which must not be written onto the node; export the public keys alone, with gpg --export KEYID"}
)

// keyringWhyKeys and keyringWhyWork are functions, not variables, so that no formatting runs at start-up.
func keyringWhyKeys() keyringWhy {
	return keyringWhy{"keyring-too-large", fmt.Sprintf("holds more than %d keys, more than sysext-ign reads; keep the keys that sign update sources", MaxKeyringKeys)}
}

func keyringWhyWork() keyringWhy {
	return keyringWhy{"keyring-too-large", fmt.Sprintf("holds more signatures than sysext-ign checks in one keyring (the work of %d Ed25519 signature checks, "+
		"fewer with larger keys); export each key with only the signatures verifying needs: gpg --export --export-options export-minimal KEYID", MaxKeyringWork)}
}

func keyringWhyArmor(detail string) keyringWhy {
	return keyringInvalid("cannot be read: " + detail + giveKeys)
}

func keyringWhyKeyParse(n int, detail string) keyringWhy {
	return keyringInvalid(fmt.Sprintf("holds key %d, which cannot be read (%s)%s", n, detail, giveKeys))
}

func keyringWhyVersion(key string) keyringWhy {
	return keyringInvalid(fmt.Sprintf("holds %s, which is not an OpenPGP version 4 key, the version gpg on the node reads; make the key with gpg", key))
}

func keyringWhyAlgorithm(key string, algo int) keyringWhy {
	return keyringInvalid(fmt.Sprintf("holds %s, of public-key algorithm %d, which gpg on the node does not use; use an Ed25519 or RSA key made with gpg", key, algo))
}

func keyringWhyKey(key string, id uint64, why string) keyringWhy {
	return keyringInvalid(fmt.Sprintf("holds %s (ID %016X), which %s", key, id, why))
}

// Official Flatcar extensions.

func msgOfficialBuiltin(name, builtin string) problem {
	return problem{"official-builtin", fmt.Sprintf("%q cannot be set in flatcar_extensions: enabled-sysext.conf does not control the built-in docker and containerd; use disable: [%s] to turn it off",
		name, builtin)}
}

func msgOfficialOptOut(name string) problem {
	return problem{"official-opt-out", fmt.Sprintf("%q opts out, but official extensions are off unless listed; remove the entry (to turn off docker or containerd, use disable:)", name)}
}

var msgOfficialNameMissing = problem{"name-missing", "flatcar_extensions item has no name; add name:"}

func msgWantOfficial(got string) problem {
	return problem{"wrong-type", fmt.Sprintf("flatcar_extensions item must be a name or a mapping of name and since, not %s", got)}
}

// sinceHint tells how to enable a name newer than sysext-ign's table.
func sinceHint(name string) string {
	return fmt.Sprintf("a name newer than sysext-ign can be written {name: %s, since: RELEASE}, with the first Flatcar release that ships it", name)
}

func msgOfficialUnknownName(name, near string) problem {
	if near != "" {
		return problem{"official-unknown-name", fmt.Sprintf("unknown official extension %q, which Flatcar would fail the boot downloading; did you mean %q? Flatcar builds %s",
			name, near, orList(officialNames()))}
	}
	return problem{"official-unknown-name", fmt.Sprintf("unknown official extension %q, which Flatcar would fail the boot downloading; Flatcar builds %s, and %s",
		name, orList(officialNames()), sinceHint(name))}
}

func msgOfficialBakery(name string) problem {
	return problem{"official-bakery-image", fmt.Sprintf("%q is a sysext-bakery image, not an official Flatcar extension, and Flatcar would fail the boot downloading it; "+
		"list it under extensions: as - {name: %s, version: VERSION} (sysext-ign's list of bakery images may lag the bakery)", name, name)}
}

func msgOfficialNvidia(name string) problem {
	return problem{"official-nvidia", fmt.Sprintf("Flatcar builds no %q, and would fail the boot downloading it: its NVIDIA drivers are %s, for x86-64 only; %s",
		name, orList(nvidiaNames()), sinceHint(name))}
}

func msgOfficialArch(name, arch string, built []string) problem {
	return problem{"official-arch", fmt.Sprintf("Flatcar builds %s for %s only, not for this spec's arch %s, and would fail the boot downloading it; remove it", name, orList(built), arch)}
}

func msgOfficialSinceInvalid(since string) problem {
	return problem{"official-since-invalid", fmt.Sprintf("since %q is not a Flatcar release; give the first release that ships the extension, such as 4426.0.0", since)}
}

func msgOfficialSinceMismatch(name, since, known string) problem {
	return problem{"official-since-mismatch", fmt.Sprintf("sysext-ign's table has %s from Flatcar %s, not %s, and uses its own release; remove since:", name, known, since)}
}

func msgOfficialUnlisted(name, since string) problem {
	return problem{"official-unlisted", fmt.Sprintf("%q is not in sysext-ign's table of official extensions, so it is enabled on the word of since: %s; Flatcar fails the boot of an older release, or if the name is wrong", name, since)}
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
