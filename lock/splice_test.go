package lock

import (
	"strings"
	"testing"
)

var hashA = "sha256-" + hexA

func TestSplice(t *testing.T) {
	for _, c := range []struct {
		name, in, want string
		edits          []edit
	}{
		{
			name:  "hash after version, comments kept",
			in:    "# fleet\nextensions:\n  # runtime\n  - name: docker   # the engine\n    version: 28.0.4  # pinned\n    # no update yet\n  - name: b\n    version: '1'\n",
			want:  "# fleet\nextensions:\n  # runtime\n  - name: docker   # the engine\n    version: 28.0.4  # pinned\n    hash: " + hashA + "\n    # no update yet\n  - name: b\n    version: '1'\n",
			edits: []edit{{ext: 0, hash: hashA}},
		},
		{
			name:  "latest replaced, quote style kept, two extensions",
			in:    "extensions:\n- name: a\n  version: 'latest'\n- name: b\n  version: \"latest\"\n  update: true\n",
			want:  "extensions:\n- name: a\n  version: '1.2.3'\n  hash: " + hashA + "\n- name: b\n  version: \"v2\"\n  hash: " + hashA + "\n  update: true\n",
			edits: []edit{{ext: 0, version: "1.2.3", hash: hashA}, {ext: 1, version: "v2", hash: hashA}},
		},
		{
			name:  "a version YAML would read as a number is quoted",
			in:    "extensions:\n  - name: a\n    version: latest\n",
			want:  "extensions:\n  - name: a\n    version: \"1.10\"\n    hash: " + hashA + "\n",
			edits: []edit{{ext: 0, version: "1.10", hash: hashA}},
		},
		{
			name:  "CR-only line endings, as YAML counts lines",
			in:    "# fleet\rextensions:\r  - name: a\r    version: latest\r  - name: b\r    version: '1'\r",
			want:  "# fleet\rextensions:\r  - name: a\r    version: 1.0.1\r    hash: " + hashA + "\r  - name: b\r    version: '1'\r    hash: " + hashA + "\r",
			edits: []edit{{ext: 0, version: "1.0.1", hash: hashA}, {ext: 1, hash: hashA}},
		},
		{
			name:  "line and paragraph separators and NEL in comments end lines",
			in:    "# a\u2028extensions: # b\u2029  - name: a # c\u0085\n    version: latest\n",
			want:  "# a\u2028extensions: # b\u2029  - name: a # c\u0085\n    version: 1.0.1\n    hash: " + hashA + "\n",
			edits: []edit{{ext: 0, version: "1.0.1", hash: hashA}},
		},
		{
			name:  "version before name",
			in:    "extensions:\n  - version: latest\n    name: a\n",
			want:  "extensions:\n  - version: 2.0.0\n    hash: " + hashA + "\n    name: a\n",
			edits: []edit{{ext: 0, version: "2.0.0", hash: hashA}},
		},
		{
			name:  "own source, no version",
			in:    "extensions:\n  - name: a\n    source: https://mirror.example/a.raw\n    headers: {X-Token: t}\n",
			want:  "extensions:\n  - name: a\n    source: https://mirror.example/a.raw\n    hash: " + hashA + "\n    headers: {X-Token: t}\n",
			edits: []edit{{ext: 0, hash: hashA}},
		},
		{
			name:  "value on the line after its key",
			in:    "extensions:\n  - name: a\n    version:\n      '1'\n",
			want:  "extensions:\n  - name: a\n    version:\n      '1'\n    hash: " + hashA + "\n",
			edits: []edit{{ext: 0, hash: hashA}},
		},
		{
			name:  "multi-line quoted source",
			in:    "extensions:\n  - name: a\n    source: \"https://mirror.example/\\\n      a.raw\"\n    arch: arm64\n",
			want:  "extensions:\n  - name: a\n    source: \"https://mirror.example/\\\n      a.raw\"\n    hash: " + hashA + "\n    arch: arm64\n",
			edits: []edit{{ext: 0, hash: hashA}},
		},
		{
			name:  "flow mapping",
			in:    "extensions:\n  - {name: a, version: latest}   # short\n",
			want:  "extensions:\n  - {name: a, version: 1.0.1, hash: " + hashA + "}   # short\n",
			edits: []edit{{ext: 0, version: "1.0.1", hash: hashA}},
		},
		{
			name:  "flow list, value with a comma, characters wider than a byte",
			in:    "extensions: [{source: 'https://ü.example/a.raw', name: a, version: latest, arch: arm64}]\n",
			want:  "extensions: [{source: 'https://ü.example/a.raw', name: a, version: \"1,2\", hash: " + hashA + ", arch: arm64}]\n",
			edits: []edit{{ext: 0, version: "1,2", hash: hashA}},
		},
		{
			name:  "CRLF",
			in:    "extensions:\r\n  - name: a\r\n    version: latest\r\n  - name: b\r\n",
			want:  "extensions:\r\n  - name: a\r\n    version: 3.0.0\r\n    hash: " + hashA + "\r\n  - name: b\r\n",
			edits: []edit{{ext: 0, version: "3.0.0", hash: hashA}},
		},
		{
			name:  "no newline at the end, CRLF",
			in:    "extensions:\r\n  - name: a\r\n    version: 1",
			want:  "extensions:\r\n  - name: a\r\n    version: 1\r\n    hash: " + hashA,
			edits: []edit{{ext: 0, hash: hashA}},
		},
		{
			name:  "byte-order mark and a tab before the value",
			in:    "\ufeffextensions:\n  - name: a\n    version:\t1\n",
			want:  "\ufeffextensions:\n  - name: a\n    version:\t1\n    hash: " + hashA + "\n",
			edits: []edit{{ext: 0, hash: hashA}},
		},
	} {
		got, err := splice([]byte(c.in), c.edits)
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		if string(got) != c.want {
			t.Errorf("%s:\ngot:\n%s\nwant:\n%s", c.name, got, c.want)
		}
	}
}

// TestSpliceRefuses shows that a spec lock cannot edit safely is reported, never written wrongly.
func TestSpliceRefuses(t *testing.T) {
	for _, c := range []struct {
		name, in, err string
		edits         []edit
	}{
		{"tagged version", "extensions:\n  - name: a\n    version: !!str latest\n", "is not a plain or quoted scalar", []edit{{ext: 0, version: "1", hash: hashA}}},
		{"block scalar version", "extensions:\n  - name: a\n    version: |-\n      latest\n", "is not a plain or quoted scalar", []edit{{ext: 0, version: "1", hash: hashA}}},
		{"only block scalars", "extensions:\n  - name: >-\n      a\n    version: >-\n      1\n", "no plain or quoted value", []edit{{ext: 0, hash: hashA}}},
	} {
		got, err := splice([]byte(c.in), c.edits)
		if err == nil || !strings.Contains(err.Error(), c.err) {
			t.Errorf("%s: got %q, %v; want an error containing %q", c.name, got, err, c.err)
		}
	}
}

// TestSameTree makes sure the check behind every splice notices a changed value, key or shape.
func TestSameTree(t *testing.T) {
	base := "a: 1\nb: [x, y]\n"
	for _, other := range []string{"a: 2\nb: [x, y]\n", "a: '1'\nb: [x, y]\n", "c: 1\nb: [x, y]\n", "a: 1\nb: [x]\n", "a: 1\nb: {x: y}\n"} {
		x, _ := parseYAML([]byte(base))
		y, _ := parseYAML([]byte(other))
		if sameTree(x, y) {
			t.Errorf("sameTree(%q, %q) = true", base, other)
		}
	}
	x, _ := parseYAML([]byte(base))
	y, _ := parseYAML([]byte("# c\na:   1 # one\nb:\n  - x\n  - y\n"))
	if !sameTree(x, y) {
		t.Error("sameTree differs on formatting alone")
	}
}
