package generator

import (
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// TestReadmeKeys keeps the README's spec reference in step with the keys the decoder accepts.
func TestReadmeKeys(t *testing.T) {
	readme := string(readFile(t, "../README.md"))
	for _, key := range slices.Concat(keysOf(specFields), keysOf(extensionFields), keysOf(updateFields), keysOf(officialFields)) {
		if !strings.Contains(readme, "| `"+key+"` |") {
			t.Errorf("README's spec reference has no row for %q", key)
		}
	}
}

// TestReadmeExample keeps the README's worked example equal to the fixture it quotes.
func TestReadmeExample(t *testing.T) {
	readme := string(readFile(t, "../README.md"))
	for _, f := range []string{"spec.yaml", "want.ign"} {
		b, err := os.ReadFile("../fixtures/docs-today/" + f)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(readme, string(b)) {
			t.Errorf("README's worked example does not match fixtures/docs-today/%s", f)
		}
	}
}

// TestReadmeBuiltins keeps the README's disable and name rows, and the order of disables in the output, equal to the builtins table.
func TestReadmeBuiltins(t *testing.T) {
	readme := string(readFile(t, "../README.md"))
	for _, c := range []struct {
		row  string
		want []string
	}{
		{"| `disable` |", builtinNames()},
		{"| `name` |", append(reservedNames(), "flatcar-*", "oem-*")},
	} {
		_, row, _ := strings.Cut(readme, c.row)
		row, _, _ = strings.Cut(row, "\n")
		var named []string
		for _, m := range regexp.MustCompile("`([a-z*-]+-[a-z*-]+)`").FindAllStringSubmatch(row, -1) {
			named = append(named, m[1])
		}
		if !slices.Equal(named, c.want) {
			t.Errorf("README row %s names %q; the builtins table gives %q", c.row, named, c.want)
		}
	}
	order := "the disables in the order " + strings.Join(builtinNames(), ", ") + ";"
	if !strings.Contains(strings.Join(strings.Fields(readme), " "), order) {
		t.Errorf("README's Output order does not say %q", order)
	}
}

// TestReadmeOfficial keeps the README's list of official extensions equal to the table.
func TestReadmeOfficial(t *testing.T) {
	readme := string(readFile(t, "../README.md"))
	_, section, _ := strings.Cut(readme, "\n## Official Flatcar extensions\n")
	section, _, _ = strings.Cut(section, "\n## ")
	var listed, want []string
	for _, m := range regexp.MustCompile("(?m)^\\| `([^`]+)` \\| ([0-9.]+) \\| ([^|]+) \\|$").FindAllStringSubmatch(section, -1) {
		listed = append(listed, m[1]+" "+m[2]+" "+strings.TrimSpace(m[3]))
	}
	for _, o := range officialExtensions {
		want = append(want, o.Name+" "+o.Since+" "+strings.Join(o.Arches, ", "))
	}
	if !slices.Equal(listed, want) {
		t.Errorf("README lists\n%s\nthe table has\n%s", strings.Join(listed, "\n"), strings.Join(want, "\n"))
	}
}
