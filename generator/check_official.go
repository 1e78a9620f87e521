package generator

import "strings"

// officials checks flatcar_extensions; unknown names only warn, since Flatcar adds new ones.
func (c *checker) officials(names []Str) {
	first := map[string]int{}
	for _, n := range names {
		v := n.Value
		switch {
		case builtinFor(strings.TrimPrefix(v, "-")) != nil:
			c.add(n.Pos, msgOfficialBuiltin(v, builtinFor(strings.TrimPrefix(v, "-")).name))
		case strings.HasPrefix(v, "-"):
			c.add(n.Pos, msgOfficialOptOut(v))
		case len(v) > maxNameLength || !nameRe.MatchString(v):
			c.add(n.Pos, msgOfficialInvalid(v))
		case firstRelease(v) == "":
			c.add(n.Pos, msgOfficialUnknown(v, officialNames()))
		}
		if line, dup := first[v]; dup {
			c.add(n.Pos, msgOfficialDuplicate(v, line))
		}
		first[v] = n.Pos.Line
	}
}
