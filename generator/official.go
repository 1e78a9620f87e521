package generator

import (
	"strconv"
	"strings"

	"github.com/sysext-ign/sysext-ign/internal/lazy"
)

// releaseRe is the form of a Flatcar release, such as 4426.0.0.
var releaseRe = lazy.Regexp{Pattern: `^[0-9]{1,9}\.[0-9]{1,9}\.[0-9]{1,9}$`}

// officialNamed finds the table's row for name, or nil for a name the table does not have.
func officialNamed(name string) *officialExtension {
	for i := range officialExtensions {
		if officialExtensions[i].Name == name {
			return &officialExtensions[i]
		}
	}
	return nil
}

// sinceOf gives the first release that ships an item: the table's for a name it has, else the item's own since.
func sinceOf(o Official) string {
	if ext := officialNamed(o.Name.Value); ext != nil {
		return ext.Since
	}
	return o.Since.Value
}

// newestRelease picks the highest of Flatcar release numbers such as 3941.0.0.
func newestRelease(releases []string) string {
	best := ""
	for _, r := range releases {
		if r != "" && (best == "" || releaseLess(best, r)) {
			best = r
		}
	}
	return best
}

func releaseLess(a, b string) bool {
	as, bs := strings.Split(a, "."), strings.Split(b, ".")
	for i := 0; i < len(as) && i < len(bs); i++ {
		x, _ := strconv.Atoi(as[i])
		y, _ := strconv.Atoi(bs[i])
		if x != y {
			return x < y
		}
	}
	return len(as) < len(bs)
}

func officialNames() []string {
	names := make([]string, len(officialExtensions))
	for i, o := range officialExtensions {
		names[i] = o.Name
	}
	return names
}

// nvidiaNames lists the NVIDIA driver extensions Flatcar builds.
func nvidiaNames() []string {
	var names []string
	for _, o := range officialExtensions {
		if strings.HasPrefix(o.Name, nvidiaPrefix) {
			names = append(names, o.Name)
		}
	}
	return names
}

// officialNamesNotFor lists the table's names that Flatcar does not build for arch.
func officialNamesNotFor(arch string) []string {
	var names []string
	for _, o := range officialExtensions {
		if !contains(o.Arches, arch) {
			names = append(names, o.Name)
		}
	}
	return names
}
