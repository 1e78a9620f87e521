package generator

import (
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// FuzzDiagnosticText checks that text of outside origin, an included file's name, keys and values and whatever
// follows them, reaches every rendered diagnostic escaped: one line, with no control or format character left,
// whoever wrote the message (sysext-ign, Butane, Ignition or the YAML library).
func FuzzDiagnosticText(f *testing.F) {
	f.Add("inc.bu", "colour", "/etc/a", "")
	f.Add("\x1b[31m\u202ename\r\n.bu", hostileText, hostileText, "\n\x1b[2J: [")
	f.Add("a\xffb.bu", "\u0085key\u2028", "relative/\x9b", "\tkey: \x00")
	for _, seed := range includeSeeds(f) {
		f.Add("seed.bu", "unused", "/etc/seed", string(seed))
	}
	f.Fuzz(func(t *testing.T, name, key, value, tail string) {
		doc := mapNode(strNode("variant"), strNode("flatcar"), strNode("version"), strNode("1.0.0"),
			strNode("storage"), mapNode(strNode("files"), seqNode([]*yaml.Node{mapNode(strNode("path"), strNode(value), strNode(key), strNode("1"))})))
		body, err := yaml.Marshal(doc)
		if err != nil {
			t.Skip("the YAML library cannot write this key or value")
		}
		spec, err := yaml.Marshal(map[string]any{"disable": []string{"torcx-generator"}, "include": []string{name}})
		if err != nil {
			t.Skip("the YAML library cannot write this name")
		}
		read := func(string) ([]byte, error) { return append(body, tail...), nil }
		_, rep := Generate("spec.yaml", spec, Options{ReadFile: read})
		for _, d := range rep {
			line := d.String()
			if EscapeText(line) != line || strings.ContainsAny(line, "\r\n") {
				t.Fatalf("rendered diagnostic holds raw control or format characters: %q", line)
			}
		}
	})
}
