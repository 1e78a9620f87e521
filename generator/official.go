package generator

import (
	_ "embed"
	"strconv"
	"strings"
)

//go:embed official.txt
var officialText string

// official maps each known name (or prefix ending in *) to its first Flatcar release.
var official = parseOfficial(officialText)

type officialExt struct{ name, release string }

func parseOfficial(text string) []officialExt {
	var out []officialExt
	for _, line := range strings.Split(text, "\n") {
		if f := strings.Fields(line); len(f) == 2 && !strings.HasPrefix(f[0], "#") {
			out = append(out, officialExt{f[0], f[1]})
		}
	}
	return out
}

// firstRelease gives the first Flatcar release that ships name, or "" for an unknown name.
func firstRelease(name string) string {
	for _, o := range official {
		prefix, wild := strings.CutSuffix(o.name, "*")
		if name == o.name || wild && len(name) > len(prefix) && strings.HasPrefix(name, prefix) {
			return o.release
		}
	}
	return ""
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
	names := make([]string, len(official))
	for i, o := range official {
		names[i] = o.name
	}
	return names
}
