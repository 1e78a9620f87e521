package generator

import (
	"github.com/coreos/vcontext/tree"
	"github.com/sysext-ign/sysext-ign/internal/yamltree"
	"gopkg.in/yaml.v3"
)

// included is a user's Butane file, checked on its own so its problems point into it.
type included struct {
	file    string
	end     Pos // where the file ends, where its reports are kept within
	root    *yaml.Node
	release *butaneRelease
	cfg     any       // the file decoded into its version's Config, before it is merged
	tree    tree.Node // the file's lines and columns, as Butane places its findings
}

// readInclude checks an included file as validate --butane does, and also that its version is the spec's; it decodes
// the file but leaves its translation to the merged document, so each file is translated once.
func (d loader) readInclude(p Str, version string, fl *files) (included, bool) {
	src, name, ok := d.read(p, "included Butane", fl)
	if !ok {
		return included{}, false
	}
	sub := decoder{&reporter{file: name}}
	inc := included{file: name, root: sub.butaneRoot(src)}
	if root := inc.root; root != nil {
		if fl.entries += entries(root); fl.entries > MaxIncludeEntries {
			fl.full = true
			d.add(p.Pos, msgIncludeEntries(p.Value))
			return included{}, false
		}
		if alias := findAlias(root); alias != nil {
			sub.errorAt(alias, msgAlias)
		} else if merge := findMergeKey(root); merge != nil {
			sub.errorAt(merge, msgMergeKey)
		} else if inc.release = sub.flatcarRelease(root); inc.release != nil {
			if v := yamltree.ValueOf(root, "version"); v.Value != version {
				sub.errorAt(v, msgIncludeVersion(v.Value, version))
			} else if sub.pathsFit(root) {
				inc.cfg, inc.tree = sub.decodeButane(root, inc.release)
			}
		}
	}
	inc.end = sub.end
	d.report = append(d.report, sub.report...)
	return inc, inc.cfg != nil && !sub.report.HasErrors()
}

// translateAlone translates each include on its own, as the butane CLI would the file, for when the merged document
// is not translated or Butane stopped at its first failing stage: so every include's problems are reported in one pass.
func translateAlone(includes []included) Report {
	var out Report
	for _, inc := range includes {
		_, rep, err := inc.release.translate(inc.cfg)
		rep.Correlate(inc.tree)
		sub := decoder{&reporter{file: inc.file, end: inc.end}}
		sub.butaneReport(rep)
		if err != nil && !rep.IsFatal() {
			sub.add(Pos{}, msgButaneReport(true, err.Error()))
		}
		out = append(out, sub.report...)
	}
	return out
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
