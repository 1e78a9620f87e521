package generator

import (
	"fmt"
	"strings"
	"testing"
)

// TestLimits shows each bound on work is refused at the first item past it, with the reason, and that the bound itself is allowed.
func TestLimits(t *testing.T) {
	exts := func(n int) string {
		var b strings.Builder
		b.WriteString("extensions:\n")
		for i := range n {
			fmt.Fprintf(&b, "  - {name: e%d, version: '1'}\n", i)
		}
		return b.String()
	}
	headers := func(n int) string {
		var b strings.Builder
		for i := range n {
			fmt.Fprintf(&b, "  X-H%d: v\n", i)
		}
		return b.String()
	}
	files := map[string]string{}
	var keys strings.Builder
	keys.WriteString("variant: flatcar\nversion: 1.0.0\n")
	for i := range MaxIncludeEntries {
		fmt.Fprintf(&keys, "k%d: 1\n", i)
	}
	files["keys.bu"] = keys.String()
	includes := func(n, entries int) string {
		var b strings.Builder
		b.WriteString("disable: [torcx-generator]\ninclude:\n")
		for i := range n {
			name := fmt.Sprintf("i%d-%d-%d.bu", n, entries, i)
			var body strings.Builder
			body.WriteString("variant: flatcar\nversion: 1.0.0\nstorage:\n  directories:\n")
			for j := range entries {
				fmt.Fprintf(&body, "    - path: /etc/d/%d/%d\n", i, j)
			}
			files[name] = body.String()
			fmt.Fprintf(&b, "  - %s\n", name)
		}
		return b.String()
	}
	for _, tc := range []struct {
		name, spec string
		want       string
	}{
		{"499 extensions", exts(MaxExtensions), ""},
		{"500 extensions", exts(MaxExtensions + 1), "s.yaml:501:5 too-many-extensions"},
		{"499 with an official one", exts(MaxExtensions) + "flatcar_extensions: [zfs]\n", "s.yaml:501:22 too-many-extensions"},
		{"4 headers", "headers:\n" + headers(MaxHeaders) + "disable: [torcx-generator]\n", ""},
		{"5 headers", "headers:\n" + headers(MaxHeaders+1) + "disable: [torcx-generator]\n", "s.yaml:6:3 too-many-headers"},
		{"100 files", includes(MaxFiles, 1), ""},
		{"101 files", includes(MaxFiles+1, 1), "s.yaml:103:5 too-many-files"},
		// Each include has 4 keys (variant, version, storage, directories), and per directory an item and its path key.
		{"5000 entries", includes(4, (MaxIncludeEntries/4-4)/2), ""},
		{"5006 entries", includes(2, (MaxIncludeEntries/2-4)/2) + "  - extra.bu\n", "s.yaml:5:5 too-many-entries"},
		{"validate --butane: a file of many keys", "butane:keys.bu", "keys.bu too-many-entries"},
		{"a mapping of many keys", "disable: [torcx-generator]\ninclude: [keys.bu]\n", "s.yaml:2:11 too-many-entries"},
	} {
		files["extra.bu"] = "variant: flatcar\nversion: 1.0.0\nstorage:\n  directories: [{path: /etc/extra}]\n"
		var rep Report
		if name, ok := strings.CutPrefix(tc.spec, "butane:"); ok {
			rep = CheckButane(name, []byte(files[name]), Options{})
		} else {
			_, rep = Generate("s.yaml", []byte(tc.spec), Options{ReadFile: memFiles(files)})
		}
		got := codes(rep)
		if strings.Join(got, "\n") != tc.want {
			t.Errorf("%s: got\n%s\nwant\n%s", tc.name, strings.Join(got, "\n"), tc.want)
		}
	}
}
