package scale

import (
	"fmt"
	"strings"
)

// RestartUnits is the most units of restartUnit's names an extension's drop-in can restart: its ExecStartPost=
// line then fits the 2,048 bytes Ignition's unit parser takes, for the worst shapes' eight-letter extension names.
const RestartUnits = 38

// restartUnits are RestartUnits unit names of the form systemd restarts.
func restartUnits() []string {
	units := make([]string, RestartUnits)
	for i := range units {
		units[i] = fmt.Sprintf("u%04d.service", i)
	}
	return units
}

// deepPath is a path of n bytes under prefix, as deep as the bound on components allows, names shared out evenly.
func deepPath(prefix string, n int) string {
	depth := maxPathComponents - strings.Count(prefix, "/")
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
