package generator

import "strings"

// officials checks flatcar_extensions; unknown names only warn, since Flatcar adds new ones.
func (c *checker) officials(names []Str) {
	first := map[string]int{}
	for _, n := range names {
		v := n.Value
		switch {
		case v == "docker", v == "containerd", v == "-docker", v == "-containerd":
			c.add(Error, n.Pos, msgOfficialBuiltin(v))
		case strings.HasPrefix(v, "-"):
			c.add(Error, n.Pos, msgOfficialOptOut(v))
		case len(v) > 64 || !nameRe.MatchString(v):
			c.add(Error, n.Pos, msgOfficialInvalid(v))
		case firstRelease(v) == "":
			c.add(Warning, n.Pos, msgOfficialUnknown(v, officialNames()))
		}
		if line, dup := first[v]; dup {
			c.add(Warning, n.Pos, msgOfficialDuplicate(v, line))
		}
		first[v] = n.Pos.Line
	}
}
