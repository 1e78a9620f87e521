package generator

import (
	"net/url"
	"strings"
)

// The helpers below apply the spec's defaults in one place, for the checks and the builder alike.

func (s *Spec) butaneVersion() string { return orDefault(s.ButaneVersion, defaultButaneVersion) }

func (s *Spec) disableMethod() string { return orDefault(s.DisableMethod, defaultDisableMethod) }

// archOf gives the systemd %a spelling the bakery uses in image names.
func (s *Spec) archOf(e Extension) string {
	a := orDefault(e.Arch, orDefault(s.Arch, defaultArch))
	if canonical, ok := aliasOf(a); ok {
		return canonical
	}
	return a
}

// sourceOf is where Ignition downloads the image from.
func (s *Spec) sourceOf(e Extension) string {
	if e.Source.IsSet() {
		return e.Source.Value
	}
	return s.bakeryURL() + "/" + s.imageName(e)
}

func (s *Spec) bakeryURL() string {
	return strings.TrimRight(orDefault(s.BakeryURL, defaultBakeryURL), "/")
}

// imageName is the bakery's NAME-VERSION-ARCH.raw file name.
func (s *Spec) imageName(e Extension) string {
	return e.Name.Value + "-" + e.Version.Value + "-" + s.archOf(e) + ".raw"
}

// headersOf merges the top-level headers under the extension's own, for http(s) sources only,
// since Ignition refuses headers on other schemes.
func (s *Spec) headersOf(e Extension) []Header {
	if len(s.Headers) == 0 {
		return e.Headers
	}
	if u, err := url.Parse(s.sourceOf(e)); err != nil || (u.Scheme != "http" && u.Scheme != "https") {
		return e.Headers
	}
	own := make(map[string]bool, len(e.Headers))
	for _, h := range e.Headers {
		own[strings.ToLower(h.Name.Value)] = true
	}
	out := append([]Header(nil), e.Headers...)
	for _, h := range s.Headers {
		if !own[strings.ToLower(h.Name.Value)] {
			out = append(out, h)
		}
	}
	return out
}

// timerOn tells whether the sysupdate timer is enabled: unless update_timer: false says otherwise.
func (s *Spec) timerOn() bool { return s.UpdateTimer.Pos.Line == 0 || s.UpdateTimer.Value }

// staged tells whether some update leaves its new image unmerged until a reboot: action reboot or none.
func (s *Spec) staged() bool {
	for _, e := range s.Extensions {
		if e.Update != nil && e.Update.action() != "refresh" {
			return true
		}
	}
	return false
}

func orDefault(v Str, def string) string {
	if v.IsSet() {
		return v.Value
	}
	return def
}
