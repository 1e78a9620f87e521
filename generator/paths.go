package generator

import (
	"fmt"
	"strings"

	"github.com/sysext-ign/sysext-ign/internal/yamltree"
	"gopkg.in/yaml.v3"
)

// Bounds on a path the node gets: Linux's, which a directory Ignition creates or a link it writes must keep, and
// a depth no real path comes near (the deepest path on a development machine's whole root filesystem, Go module
// cache included, has 20 components), so no path makes checking, merging or Butane's work grow with its depth.
const (
	MaxPathBytes      = 4095 // PATH_MAX is 4096 bytes with the terminating NUL
	MaxNameBytes      = 255  // NAME_MAX
	MaxPathComponents = 64
)

// pathBound says how p, called what in messages, goes past the bounds on a path; "" when it keeps them.
func pathBound(what, p string) string {
	if len(p) > MaxPathBytes {
		return fmt.Sprintf("%s is %d bytes long, but Linux takes paths of at most %d bytes (PATH_MAX)", what, len(p), MaxPathBytes)
	}
	names := strings.FieldsFunc(p, func(r rune) bool { return r == '/' })
	if len(names) > MaxPathComponents {
		return fmt.Sprintf("%s has %d components, more than the %d sysext-ign takes, far deeper than real paths go", what, len(names), MaxPathComponents)
	}
	for _, name := range names {
		if len(name) > MaxNameBytes {
			return fmt.Sprintf("%s has a component of %d bytes, but Linux takes names of at most %d bytes (NAME_MAX)", what, len(name), MaxNameBytes)
		}
	}
	return ""
}

// butanePaths are the fields of Butane's storage entries that name a path on the node.
var butanePaths = []struct{ list, field, what string }{
	{"storage.files", "path", "path"},
	{"storage.directories", "path", "path"},
	{"storage.links", "path", "path"},
	{"storage.links", "target", "link target"},
	{"storage.filesystems", "path", "mount path"},
}

// pathsFit reports each path of a Butane file that goes past the bounds, before Butane translates it; it tells
// whether all fit.
func (d decoder) pathsFit(root *yaml.Node) bool {
	fit := true
	for _, f := range butanePaths {
		list := lookupPath(root, f.list)
		if list == nil || list.Kind != yaml.SequenceNode {
			continue
		}
		for _, item := range list.Content {
			if v := yamltree.ValueOf(item, f.field); v != nil && v.Kind == yaml.ScalarNode {
				if why := pathBound(f.what, v.Value); why != "" {
					d.errorAt(v, msgPathTooLong(why))
					fit = false
				}
			}
		}
	}
	return fit
}

// resolveRootLinks follows Flatcar's links at the top of the root filesystem, so a path is judged by where it leads.
func resolveRootLinks(p string) string {
	for _, l := range rootLinks {
		if rest, ok := strings.CutPrefix(p, l.link); ok && (rest == "" || rest[0] == '/') {
			return l.target + rest
		}
	}
	return p
}

// under finds the directory of dirs that p is or lies in; "" when none.
func under(p string, dirs []string) string {
	for _, d := range dirs {
		if p == d || strings.HasPrefix(p, d+"/") {
			return d
		}
	}
	return ""
}
