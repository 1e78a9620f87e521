package generator

import (
	"path"
	"strings"

	"gopkg.in/yaml.v3"
)

// keyedLists names the Butane lists whose entries must be unique, with the key Ignition dedupes them by.
// Files, links and directories share one namespace: a path is written once.
var keyedLists = []struct{ path, key, namespace string }{
	{"storage.files", "path", "path"},
	{"storage.links", "path", "path"},
	{"storage.directories", "path", "path"},
	{"systemd.units", "name", "unit"},
	{"passwd.users", "name", "user"},
	{"passwd.groups", "name", "group"},
	{"storage.disks", "device", "disk"},
	{"storage.filesystems", "device", "filesystem"},
	{"storage.raid", "name", "raid"},
	{"storage.luks", "name", "luks device"},
}

// merger folds included Butane into the generated document and remembers where each piece came from.
type merger struct {
	*decoder
	origin map[*yaml.Node]string // file of nodes that came from an include; absent means the spec
}

// merge adds the includes to doc; conflicts are reported in the included file that caused them.
func (d *decoder) merge(doc *yaml.Node, includes []included) {
	m := &merger{decoder: d, origin: map[*yaml.Node]string{}}
	root := doc.Content[0]
	for _, inc := range includes {
		for i := 0; i+1 < len(inc.root.Content); i += 2 {
			k, v := inc.root.Content[i], inc.root.Content[i+1]
			if k.Value != "variant" && k.Value != "version" {
				m.into(root, k, v, inc.file, d.file, k.Value)
			}
		}
	}
	m.uniqueKeys(root)
	m.nested(root)
}

// into merges one key: mappings recurse, lists append, and a scalar set twice is a conflict.
func (m *merger) into(dst, k, v *yaml.Node, file, owner, path string) {
	old := valueOf(dst, k.Value)
	switch {
	case old == nil:
		dst.Content = append(dst.Content, k, v)
		m.claim(v, file)
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
		m.report = append(m.report, Diagnostic{File: file, Line: k.Line, Col: k.Column, Severity: Error, Message: msgIncludeSetTwice(path, owner)})
	}
}

// claim records the include as the origin of a node and everything under it.
func (m *merger) claim(n *yaml.Node, file string) {
	m.origin[n] = file
	for _, c := range n.Content {
		m.claim(c, file)
	}
}

// uniqueKeys reports the second writer of a path, unit, user or other keyed entry.
func (m *merger) uniqueKeys(root *yaml.Node) {
	seen := map[string]string{}
	for _, l := range keyedLists {
		list := lookupPath(root, l.path)
		if list == nil || list.Kind != yaml.SequenceNode {
			continue
		}
		for _, item := range list.Content {
			key := valueOf(item, l.key)
			if key == nil {
				continue
			}
			file := m.fileOf(item)
			id := l.namespace + "\x00" + key.Value
			if first, dup := seen[id]; dup {
				m.report = append(m.report, Diagnostic{File: file, Line: key.Line, Col: key.Column, Severity: Error, Message: msgIncludeConflict(l.namespace, key.Value, first)})
				continue
			}
			seen[id] = file
		}
	}
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
	blocking := map[string]storageEntry{}
	for _, kind := range []string{"file", "link", "directory"} {
		list := lookupPath(root, "storage."+map[string]string{"file": "files", "link": "links", "directory": "directories"}[kind])
		if list == nil {
			continue
		}
		for _, item := range list.Content {
			if p := valueOf(item, "path"); p != nil {
				e := storageEntry{kind: kind, path: p, file: m.fileOf(item)}
				entries = append(entries, e)
				if kind != "directory" {
					blocking[path.Clean(p.Value)] = e
				}
			}
		}
	}
	for _, e := range entries {
		for dir := path.Dir(path.Clean(e.path.Value)); dir != "/" && dir != "."; dir = path.Dir(dir) {
			outer, ok := blocking[dir]
			if !ok {
				continue
			}
			at, msg := e, msgIncludeInside(e.kind, e.path.Value, outer.kind, outer.path.Value, outer.file)
			if e.file == m.file {
				at, msg = outer, msgIncludeContains(outer.kind, outer.path.Value, e.kind, e.path.Value, e.file)
			}
			m.report = append(m.report, Diagnostic{File: at.file, Line: at.path.Line, Col: at.path.Column, Severity: Error, Message: msg})
			break
		}
	}
}

func (m *merger) fileOf(n *yaml.Node) string {
	if f, ok := m.origin[n]; ok {
		return f
	}
	return m.file
}

func lookupPath(n *yaml.Node, path string) *yaml.Node {
	for _, part := range strings.Split(path, ".") {
		if n = valueOf(n, part); n == nil {
			return nil
		}
	}
	return n
}
