package scale

import (
	"testing"

	"github.com/sysext-ign/sysext-ign/generator"
)

// TestBounds keeps the generator's limits that the shapes are made to, and shows each keyring spends the whole
// budget of signature checks: one more user ID is refused.
func TestBounds(t *testing.T) {
	for name, pair := range map[string][2]int{
		"MaxFiles": {maxFiles, generator.MaxFiles}, "MaxFilesBytes": {maxFilesBytes, generator.MaxFilesBytes},
		"MaxSpecBytes": {maxSpecBytes, generator.MaxSpecBytes}, "MaxPathBytes": {maxPathBytes, generator.MaxPathBytes},
		"MaxPathComponents": {maxPathComponents, generator.MaxPathComponents}, "MaxNameBytes": {maxNameBytes, generator.MaxNameBytes},
		"MaxKeyringWork": {maxKeyringWork, generator.MaxKeyringWork}, "MaxHeaders": {maxHeaders, generator.MaxHeaders},
	} {
		if pair[0] != pair[1] {
			t.Errorf("scale's %s is %d, the generator's %d", name, pair[0], pair[1])
		}
	}
	for _, fill := range []bool{true, false} {
		for extra, want := range []string{"", "keyring-too-large"} {
			keys := keyring(fill, extra)
			spec := "update_keyring: keys.gpg\nextensions:\n  - {name: a, version: '1', source: 'https://m/a-1-x86-64.raw', update: {source: 'https://m/a/', verify: true}}\n"
			_, rep := generator.Generate("s.yaml", []byte(spec), generator.Options{ReadFile: func(string) ([]byte, error) { return keys, nil }})
			if got := codeOf(rep); got != want {
				t.Errorf("fill %v, %d user IDs past the budget: got %q, want %q (%v)", fill, extra, got, want, rep)
			}
		}
	}
}

func codeOf(rep generator.Report) string {
	for _, d := range rep {
		if d.Severity == generator.Error {
			return string(d.Code)
		}
	}
	return ""
}
