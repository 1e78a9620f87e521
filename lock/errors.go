package lock

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/sysext-ign/sysext-ign/generator"
)

// problem is a diagnostic of lock before it is placed in the spec; its code is one of generator.Kinds.
type problem struct {
	code generator.Code
	msg  string
}

func (p problem) at(file string, pos generator.Pos) generator.Diagnostic {
	return generator.NewDiagnostic(file, pos, p.code, p.msg)
}

// Per extension: why lock cannot pin it.
var (
	msgHashWithLatest  = problem{"hash-with-latest", `version is "latest" but hash: pins one image; remove hash: to let lock pick the newest, or write the version`}
	msgLatestOwnSource = problem{"latest-own-source", `version "latest" can be resolved only for bakery images; this extension downloads its own source, so write the version that source serves`}
	msgNotLockable     = problem{"not-lockable", "not locked: lock reads SHA256SUMS from the bakery or from update.source, and this extension has its own source and no update.source; add hash: by hand (sha256sum the image)"}
	msgNotLockableDir  = problem{"not-lockable", "not locked: this extension's update source is a local directory on the node, with no SHA256SUMS for lock to read; add hash: by hand (sha256sum the image)"}
)

// msgFetch quotes why as it is, since Diagnostic.String escapes what a server sent, such as a certificate's names.
func msgFetch(url, why string) problem {
	return problem{"fetch-failed", fmt.Sprintf("fetching %s: %s", url, why)}
}

// asSysupdate says how lock read a URL the node's systemd-sysupdate reads, since a failure may come from those rules.
const asSysupdate = "as systemd-sysupdate will, with no headers and only the system's CAs"

// msgFetchList reports a list that could not be read, saying when it was read as the node's sysupdate reads it.
func msgFetchList(url, why string, sysupdate bool) problem {
	if sysupdate {
		return problem{"fetch-failed", fmt.Sprintf("fetching %s %s: %s", url, asSysupdate, why)}
	}
	return msgFetch(url, why)
}

// msgUpdateListUnreachable reports an update list that does not answer, which the node's sysupdate reads for every update.
func msgUpdateListUnreachable(url, why string) problem {
	return problem{"fetch-failed", fmt.Sprintf("fetching %s %s: %s; systemd-sysupdate reads that list for every update, so publish SHA256SUMS there", url, asSysupdate, why)}
}

func msgImageUnreachable(url, why string) problem {
	return problem{"image-unreachable", fmt.Sprintf("Ignition downloads %s at first boot, and asking for it fails now (%s), so the first boot would fail; publish the image there, or correct version, arch or source", url, why)}
}

// Pins that lock --check refuses.
var (
	msgNotPinned       = problem{"not-pinned", "not pinned: this extension has no hash:; run sysext-ign lock to pin it"}
	msgNotPinnedLatest = problem{"not-pinned", `not pinned: version "latest" names no image; run sysext-ign lock to resolve it and pin its hash`}
	msgNotPinnedByHand = problem{"not-pinned", "not pinned: this extension has no hash:, and no checksum list lock could read (its own source, with no update.source or a local one); add hash: by hand (sha256sum the image)"}
)

func msgHashNotListed(url, image, listed string) problem {
	return problem{"hash-not-listed", fmt.Sprintf("%s now lists %s with %s, not the pinned hash, so Ignition would refuse the image; check the new image, then remove hash: and run sysext-ign lock", url, image, listed)}
}

func msgNoLine(image, url string) problem {
	return problem{"sums-no-line", fmt.Sprintf("%s has no line for %s; check version and arch, and that the image is published", url, image)}
}

func msgNoMatch(pattern, url string) problem {
	return problem{"sums-no-match", fmt.Sprintf(`%s lists no image matching %s, so version "latest" cannot be resolved; check name, arch and series`, url, pattern)}
}

func msgBadSums(url, why string) problem {
	return problem{"sums-invalid", fmt.Sprintf("%s is not a checksum list systemd-sysupdate accepts: %s", url, why)}
}

// Signed lists, for extensions with update.verify.

func msgSignatureMissing(url, why string) problem {
	return problem{"signature-missing", fmt.Sprintf("fetching %s: %s; this extension has verify: true, so systemd-sysupdate needs that signature of SHA256SUMS: sign the list with gpg --detach-sign SHA256SUMS and publish it", url, why)}
}

func msgSignatureInvalid(url, why string) problem {
	return problem{"signature-invalid", fmt.Sprintf("%s is not a good signature of SHA256SUMS by a key in update_keyring (%s), so systemd-sysupdate would refuse every update; sign the list again, or put the signing key in update_keyring", url, why)}
}

// Editing the spec.

func msgSplice(why string, changes []Change) problem {
	pins := make([]string, len(changes))
	for i, c := range changes {
		pins[i] = c.String()
	}
	return problem{"splice-failed", fmt.Sprintf("cannot write the pins into the spec without changing anything else (%s); nothing was written; add them by hand: %s", why, strings.Join(pins, "; "))}
}

// msgPinnedInvalid reports a spec that gen would refuse once pinned, such as one the added lines take past the size limit.
func msgPinnedInvalid(rep generator.Report) problem {
	why := make([]string, len(rep))
	for i, d := range rep {
		why[i] = d.Message
	}
	return problem{"pinned-spec-invalid", fmt.Sprintf("with the pins written, gen would refuse the spec: %s; nothing was written, so fix that and run lock again", strings.Join(why, "; "))}
}

// Fetching.

// whyStatus names an answer by its code and the standard reason only: the server's own reason phrase is
// untrusted text that could echo a header or carry terminal escapes.
func whyStatus(code int) string {
	if text := http.StatusText(code); text != "" {
		return fmt.Sprintf("%d %s", code, text)
	}
	return fmt.Sprintf("HTTP status %d", code)
}

const (
	whyTooLarge     = "larger than 8 MiB"
	whyRedirectLoop = "stopped after 10 redirects"
)

func whyRedirectScheme(scheme string) string {
	return fmt.Sprintf("redirected to a %s URL; lock follows redirects to http and https only", scheme)
}

func whyTimeout(d time.Duration) string {
	return "timed out after " + seconds(d)
}

func whyDeadline(d time.Duration) string {
	return "timed out after " + seconds(d) + ", the time limit for the whole lock run"
}

func seconds(d time.Duration) string {
	return strconv.FormatFloat(d.Seconds(), 'f', -1, 64) + " s"
}

func whyTries(why string, tries int) string {
	return fmt.Sprintf("%s (gave up after %d tries)", why, tries)
}

// Reading SHA256SUMS, following systemd-sysupdate's rules.

const whyNotText = "it is not UTF-8 text without NUL bytes"

func whyLine(line int) string {
	return fmt.Sprintf(`line %d is not "<64 hex digits>  FILE" as sha256sum writes it`, line)
}

func whyNoNewline(line int) string {
	return fmt.Sprintf("line %d does not end in a newline", line)
}

func whyPath(line int, file string) string {
	return fmt.Sprintf("line %d names %q, which is not a relative path without '.' or '..' parts", line, file)
}

func whyTwice(file string) string {
	return fmt.Sprintf("it lists %q twice with different hashes", file)
}
