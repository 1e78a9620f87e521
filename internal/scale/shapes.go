package scale

import (
	"fmt"
	"strconv"
	"strings"
)

// unitBytes is what one unit of a restart list takes in the spec, at most, in flow style: a name of restartUnit's
// of two characters and ", ".
const unitBytes = len("zz.service, ")

// restartUnit is the i-th unit of the restart lists, as short as distinct names go (0.service to z.service, then
// 10.service on), so a list holds as many units, each a drop-in line of its own, as the spec's bytes allow.
func restartUnit(i int) string { return strconv.FormatInt(int64(i), 36) + ".service" }

// restartUnits are the first n units of restartUnit's names.
func restartUnits(n int) []string {
	units := make([]string, n)
	for i := range units {
		units[i] = restartUnit(i)
	}
	return units
}

// deepPath is a path of n bytes under prefix, as deep as the bound on components allows, names shared out evenly;
// with n 0, the shortest such path, each name one byte.
func deepPath(prefix string, n int) string {
	depth := maxPathComponents - strings.Count(prefix, "/")
	if n == 0 {
		n = len(prefix) + 2*depth
	}
	room := n - len(prefix) - depth // a slash before each name
	var b strings.Builder
	b.WriteString(prefix)
	for i := range depth {
		size := room / depth
		if i < room%depth {
			size++
		}
		b.WriteString("/" + strings.Repeat(string(rune('a'+i%26)), min(size, maxNameBytes)))
	}
	return b.String()
}

// deepInclude is Butane with a directory and a link target each at the bounds on a path's length and depth.
func deepInclude(i int) []byte {
	var doc butaneDoc
	doc.Variant, doc.Version = "flatcar", "1.0.0"
	deep := deepPath(fmt.Sprintf("/etc/deep/%03d", i), maxPathBytes)
	doc.Storage.Directories = []butaneEntry{{Path: deep}}
	doc.Storage.Links = []butaneEntry{{Path: fmt.Sprintf("/etc/deeplink/%03d", i), Target: deep}}
	return marshal(doc)
}
