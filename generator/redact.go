package generator

import (
	"regexp"
	"strings"

	"github.com/sysext-ign/sysext-ign/internal/lazy"
)

// A URL's userinfo runs from "scheme://" to the last '@' of the URL, whether or not the URL parses, so that a password
// that is percent-encoded, unescaped ('/', '#', a space) or beside an invalid port is found all the same.
var (
	quotedUserinfo = lazy.Regexp{Pattern: `"([A-Za-z][A-Za-z0-9+.-]*://)((?:[^"\\]|\\.)*)@`} // ends at the closing quote
	bareUserinfo   = lazy.Regexp{Pattern: `([A-Za-z][A-Za-z0-9+.-]*://)([^\s"]*)@`}          // ends at whitespace or a quote
)

// MaskURLs hides the userinfo of every URL in text, which is as secret as a header value:
// a password becomes xxxxx after its user name, and a user name alone (often a token) becomes xxxxx.
func MaskURLs(text string) string {
	if !strings.Contains(text, "@") {
		return text
	}
	text = maskWith(quotedUserinfo.Regexp(), text, `"`)
	return maskWith(bareUserinfo.Regexp(), text, "")
}

func maskWith(re *regexp.Regexp, text, quote string) string {
	return re.ReplaceAllStringFunc(text, func(m string) string {
		sub := re.FindStringSubmatch(m)
		user, _, hasPassword := strings.Cut(sub[2], ":")
		if !hasPassword {
			return quote + sub[1] + "xxxxx@"
		}
		return quote + sub[1] + user + ":xxxxx@"
	})
}
