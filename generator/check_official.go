package generator

import "strings"

// officials checks flatcar_extensions: Flatcar fails the boot when it cannot download a name, so only names it
// builds for the node's architecture pass, or a newer name whose item says which release ships it.
func (c *checker) officials(items []Official) {
	first := map[string]int{}
	for _, o := range items {
		c.official(o)
		v := o.Name.Value
		if line, dup := first[v]; dup {
			c.add(o.Name.Pos, msgOfficialDuplicate(v, line))
		}
		first[v] = o.Name.Pos.Line
	}
}

func (c *checker) official(o Official) {
	v := o.Name.Value
	release := o.Since.usable() && releaseRe.MatchString(o.Since.Value)
	if o.Since.usable() && !release {
		c.add(o.Since.Pos, msgOfficialSinceInvalid(o.Since.Value))
	}
	switch b := builtinFor(strings.TrimPrefix(v, "-")); {
	case b != nil:
		c.add(o.Name.Pos, msgOfficialBuiltin(v, b.name))
	case strings.HasPrefix(v, "-"):
		c.add(o.Name.Pos, msgOfficialOptOut(v))
	case len(v) > maxNameLength || !nameRe.MatchString(v):
		c.add(o.Name.Pos, msgOfficialInvalid(v))
	default:
		c.officialName(o, release)
	}
}

// officialName checks a well-formed name against the table, taking whether since names a release from official, which matched it once.
func (c *checker) officialName(o Official, release bool) {
	v, arch := o.Name.Value, c.spec.archOf(Extension{})
	ext := officialNamed(v)
	switch {
	case ext != nil && !contains(ext.Arches, arch):
		c.add(o.Name.Pos, msgOfficialArch(v, arch, ext.Arches))
	case ext != nil && release && o.Since.Value != ext.Since:
		c.add(o.Since.Pos, msgOfficialSinceMismatch(v, o.Since.Value, ext.Since))
	case ext != nil:
	case strings.HasPrefix(v, nvidiaPrefix) && !contains(x86Only, arch):
		c.add(o.Name.Pos, msgOfficialArch(v, arch, x86Only))
	case o.Since.IsSet():
		if release {
			c.add(o.Name.Pos, msgOfficialUnlisted(v, o.Since.Value))
		}
	case contains(bakeryImages, v):
		c.add(o.Name.Pos, msgOfficialBakery(v))
	case strings.HasPrefix(v, nvidiaPrefix):
		c.add(o.Name.Pos, msgOfficialNvidia(v))
	default:
		c.add(o.Name.Pos, msgOfficialUnknownName(v, Nearest(v, officialNames())))
	}
}
