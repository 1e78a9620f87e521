package generator

import "strings"

// The helpers below apply the spec's defaults in one place, for the checks and the builder alike.

func (s *Spec) butaneVersion() string { return orDefault(s.ButaneVersion, defaultButaneVersion) }

func (s *Spec) disableMethod() string { return orDefault(s.DisableMethod, defaultDisableMethod) }

// archOf gives the systemd %a spelling the bakery uses in image names.
func (s *Spec) archOf(e Extension) string {
	a := orDefault(e.Arch, orDefault(s.Arch, defaultArch))
	if canonical, ok := archAliases[a]; ok {
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

func orDefault(v Str, def string) string {
	if v.IsSet() {
		return v.Value
	}
	return def
}
