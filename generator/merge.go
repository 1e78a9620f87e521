package generator

import (
	"path"
	"strings"

	"github.com/coreos/go-systemd/v22/unit"
	"github.com/sysext-ign/sysext-ign/internal/yamltree"
	"gopkg.in/yaml.v3"
)

// keyedLists names the Butane lists whose entries must be unique, with the fields Ignition keys them by, so that an
// entry written twice is reported where it was written, not as Ignition's error about the merged config.
var keyedLists = []struct {
	path, namespace string
	keys            []string // the first one present counts; none means the entry is a plain value
	hidden          bool     // the key is a secret or a whole document, so messages do not quote it
}{
	// Files, links, directories and units' own files share one namespace: a path is written once.
	{"storage.files", "path", []string{"path"}, false},
	{"storage.links", "path", []string{"path"}, false},
	{"storage.directories", "path", []string{"path"}, false},
	{"systemd.units", "unit", []string{"name"}, false},
	{"passwd.users", "user", []string{"name"}, false},
	{"passwd.groups", "group", []string{"name"}, false},
	{"storage.disks", "disk", []string{"device"}, false},
	{"storage.filesystems", "filesystem", []string{"device"}, false},
	{"storage.raid", "raid", []string{"name"}, false},
	{"storage.luks", "luks device", []string{"name"}, false},
	{"ignition.security.tls.certificate_authorities", "CA certificate", []string{"inline", "source"}, true},
	{"ignition.config.merge", "merged config", []string{"source", "inline"}, true},
	{"kernel_arguments.should_exist", "kernel argument", nil, false},
	{"kernel_arguments.should_not_exist", "kernel argument", nil, false},
}

// merger folds included Butane into the generated document and remembers where each piece came from.
type merger struct {
	*reporter
	doc    *yaml.Node
	origin map[*yaml.Node]string // file of nodes that came from an include; absent means the spec
}

// merge adds the includes to doc, reporting each conflict in the included file that caused it, where the user fixes it.
func merge(r *reporter, doc *yaml.Node, includes []included) *merger {
	m := &merger{reporter: r, doc: doc, origin: map[*yaml.Node]string{}}
	root := doc.Content[0]
	for _, inc := range includes {
		for i := 0; i+1 < len(inc.root.Content); i += 2 {
			k, v := inc.root.Content[i], inc.root.Content[i+1]
			if k.Value != "variant" && k.Value != "version" && v.Tag != "!!null" {
				m.into(root, k, v, inc.file, r.file, k.Value)
			}
		}
	}
	m.uniqueKeys(root)
	m.nested(root)
	return m // it places what Butane finds in the merged document
}

// into merges one key: mappings recurse, lists append, and a scalar set twice is a conflict.
func (m *merger) into(dst, k, v *yaml.Node, file, owner, path string) {
	old := yamltree.ValueOf(dst, k.Value)
	switch {
	case old == nil:
		dst.Content = append(dst.Content, k, v)
		m.claim(v, file)
	case v.Tag == "!!null":
	case old.Kind == yaml.MappingNode && v.Kind == yaml.MappingNode:
		if o, ok := m.origin[old]; ok {
			owner = o
		}
		for i := 0; i+1 < len(v.Content); i += 2 {
			m.into(old, v.Content[i], v.Content[i+1], file, owner, path+"."+v.Content[i].Value)
		}
	case old.Kind == yaml.SequenceNode && v.Kind == yaml.SequenceNode:
		old.Content = append(old.Content, v.Content...)
		m.claim(v, file)
	default:
		if o, ok := m.origin[old]; ok {
			owner = o
		}
		m.report = append(m.report, msgIncludeSetTwice(path, owner).at(file, posOf(k)))
	}
}

// claim records the include as the origin of a node and everything under it.
func (m *merger) claim(n *yaml.Node, file string) {
	m.origin[n] = file
	for _, c := range n.Content {
		m.claim(c, file)
	}
}

// keyed is one entry that must be unique within its namespace.
type keyed struct {
	id     string
	key    *yaml.Node
	file   string
	hidden bool
}

// uniqueKeys reports the second writer of a path, unit, user or other keyed entry, in the included file.
func (m *merger) uniqueKeys(root *yaml.Node) {
	first := map[string]keyed{}
	for _, k := range m.keyedEntries(root) {
		f, dup := first[k.id]
		switch {
		case !dup:
			first[k.id] = k
		case k.file == m.file:
			m.conflict(f, k)
		default:
			m.conflict(k, f)
		}
	}
}

func (m *merger) conflict(at, other keyed) {
	ns, _, _ := strings.Cut(at.id, "\x00")
	msg := msgIncludeConflict(ns, at.key.Value, other.file)
	if at.hidden {
		msg = msgIncludeConflictHidden(ns, other.file)
	}
	m.report = append(m.report, msg.at(at.file, posOf(at.key)))
}

// keyedEntries lists every keyed entry of the merged document, with the paths units and drop-ins occupy.
func (m *merger) keyedEntries(root *yaml.Node) []keyed {
	var out []keyed
	for _, l := range keyedLists {
		list := lookupPath(root, l.path)
		if list == nil || list.Kind != yaml.SequenceNode {
			continue
		}
		for _, item := range list.Content {
			if key := keyOf(item, l.keys); key != nil {
				out = append(out, keyed{l.namespace + "\x00" + key.Value, key, m.fileOf(item), l.hidden})
			}
		}
	}
	return append(append(out, m.unitPaths(root)...), m.mountUnits(root)...)
}

// mountUnits are the units Butane writes for filesystems with with_mount_unit, named as it names them,
// since two includes mounting one path would give two units of one name.
func (m *merger) mountUnits(root *yaml.Node) []keyed {
	filesystems := lookupPath(root, "storage.filesystems")
	if filesystems == nil {
		return nil
	}
	var out []keyed
	for _, fs := range filesystems.Content {
		p, with, format := yamltree.ValueOf(fs, "path"), yamltree.ValueOf(fs, "with_mount_unit"), yamltree.ValueOf(fs, "format")
		var mounted bool
		if p == nil || with == nil || with.Decode(&mounted) != nil || !mounted || format != nil && format.Value == "swap" {
			continue
		}
		key := *p
		key.Value = unit.UnitNamePathEscape(p.Value) + ".mount"
		out = append(out, keyed{"mount unit\x00" + key.Value, &key, m.fileOf(fs), false})
	}
	return out
}

// unitPaths are the files Ignition writes for units with contents and for drop-ins, which no storage entry may also write.
func (m *merger) unitPaths(root *yaml.Node) []keyed {
	units := lookupPath(root, "systemd.units")
	if units == nil {
		return nil
	}
	var out []keyed
	for _, u := range units.Content {
		name := yamltree.ValueOf(u, "name")
		if name == nil {
			continue
		}
		if yamltree.ValueOf(u, "contents") != nil {
			out = append(out, m.unitPath(u, name, "/etc/systemd/system/"+name.Value))
		}
		if dropins := yamltree.ValueOf(u, "dropins"); dropins != nil {
			for _, d := range dropins.Content {
				if dn := yamltree.ValueOf(d, "name"); dn != nil {
					out = append(out, m.unitPath(u, dn, "/etc/systemd/system/"+name.Value+".d/"+dn.Value))
				}
			}
		}
	}
	return out
}

func (m *merger) unitPath(unit, at *yaml.Node, p string) keyed {
	key := *at
	key.Value = p
	return keyed{"path\x00" + p, &key, m.fileOf(unit), false}
}

// keyOf picks the field an entry is keyed by, or the entry itself when it is a plain value.
func keyOf(item *yaml.Node, keys []string) *yaml.Node {
	if len(keys) == 0 {
		if item.Kind == yaml.ScalarNode {
			return item
		}
		return nil
	}
	for _, k := range keys {
		if v := yamltree.ValueOf(item, k); v != nil {
			return v
		}
	}
	return nil
}

// storageEntry is one file, link or directory of the merged document.
type storageEntry struct {
	kind string // file, link or directory
	path *yaml.Node
	file string // the include it came from, or the spec
}

// nested reports a path inside a file or link of the config, which Ignition refuses or cannot create;
// the report goes to whichever of the two an include wrote.
func (m *merger) nested(root *yaml.Node) {
	var entries []storageEntry
	blocking := &pathTree{}
	for _, kind := range []string{"file", "link", "directory"} {
		list := lookupPath(root, "storage."+map[string]string{"file": "files", "link": "links", "directory": "directories"}[kind])
		if list == nil {
			continue
		}
		for _, item := range list.Content {
			if p := yamltree.ValueOf(item, "path"); p != nil {
				e := storageEntry{kind: kind, path: p, file: m.fileOf(item)}
				entries = append(entries, e)
				if kind != "directory" {
					blocking.add(path.Clean(p.Value), e)
				}
			}
		}
	}
	for _, e := range entries {
		outer, ok := blocking.innermostAbove(path.Clean(e.path.Value))
		if !ok {
			continue
		}
		at, msg := e, msgIncludeInside(e.kind, e.path.Value, outer.kind, outer.path.Value, outer.file)
		if e.file == m.file {
			at, msg = outer, msgIncludeContains(outer.kind, outer.path.Value, e.kind, e.path.Value, e.file)
		}
		m.report = append(m.report, msg.at(at.file, posOf(at.path)))
	}
}

// pathTree holds the files and links of the config by their paths' components, so finding what lies above a
// path takes one step per component of it, however deep it is.
type pathTree struct {
	children map[string]*pathTree
	entry    *storageEntry // the file or link at this path; the last written wins, as in a map
}

func (t *pathTree) add(p string, e storageEntry) {
	for _, name := range strings.Split(p, "/") {
		if t.children == nil {
			t.children = map[string]*pathTree{}
		}
		next := t.children[name]
		if next == nil {
			next = &pathTree{}
			t.children[name] = next
		}
		t = next
	}
	t.entry = &e
}

// innermostAbove finds the deepest file or link whose path is a parent directory of p, not counting / or p itself.
func (t *pathTree) innermostAbove(p string) (storageEntry, bool) {
	names := strings.Split(p, "/")
	var found *storageEntry
	for i, name := range names[:len(names)-1] {
		if t = t.children[name]; t == nil {
			break
		}
		if t.entry != nil && !(i == 0 && name == "") {
			found = t.entry
		}
	}
	if found == nil {
		return storageEntry{}, false
	}
	return *found, true
}

func (m *merger) fileOf(n *yaml.Node) string {
	if f, ok := m.origin[n]; ok {
		return f
	}
	return m.file
}

func lookupPath(n *yaml.Node, path string) *yaml.Node {
	for _, part := range strings.Split(path, ".") {
		if n = yamltree.ValueOf(n, part); n == nil {
			return nil
		}
	}
	return n
}
