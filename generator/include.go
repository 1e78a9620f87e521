package generator

import (
	"github.com/sysext-ign/sysext-ign/internal/yamltree"
	"gopkg.in/yaml.v3"
)

// included is a user's Butane file, checked on its own so its problems point into it.
type included struct {
	file string
	root *yaml.Node
}

// readInclude checks an included file as validate --butane does, and also that its version is the spec's.
func (d loader) readInclude(p Str, version string, fl *files) (included, bool) {
	src, name, ok := d.read(p, "included Butane", fl)
	if !ok {
		return included{}, false
	}
	sub := decoder{&reporter{file: name}}
	root := sub.butaneRoot(src)
	if root != nil {
		if fl.entries += entries(root); fl.entries > MaxIncludeEntries {
			fl.full = true
			d.add(p.Pos, msgIncludeEntries(p.Value))
			return included{}, false
		}
		if alias := findAlias(root); alias != nil {
			sub.errorAt(alias, msgAlias)
		} else if merge := findMergeKey(root); merge != nil {
			sub.errorAt(merge, msgMergeKey)
		} else if translate := sub.flatcarVersion(root); translate != nil {
			if v := yamltree.ValueOf(root, "version"); v.Value != version {
				sub.errorAt(v, msgIncludeVersion(v.Value, version))
			} else if sub.pathsFit(root) {
				sub.translateButane(root, src, translate)
			}
		}
	}
	d.report = append(d.report, sub.report...)
	return included{file: name, root: root}, root != nil && !sub.report.HasErrors()
}

// MaxIncludeEntries bounds the entries (list items and mapping keys) of all included files together:
// Butane's translation and validation, and the YAML library's check for duplicate keys, grow faster than linearly with them.
const MaxIncludeEntries = 2500

// entries counts the items of every list and the keys of every mapping in the tree.
func entries(n *yaml.Node) int {
	count := len(n.Content)
	if n.Kind == yaml.MappingNode {
		count /= 2
	}
	for _, c := range n.Content {
		count += entries(c)
	}
	return count
}
