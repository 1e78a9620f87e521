package generator

import (
	"bytes"
	"cmp"
	"fmt"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
	"text/template"

	"gopkg.in/yaml.v3"

	"github.com/sysext-ign/sysext-ign/internal/golden"
)

// TestGeneratedDocs renders the JSON Schema, docs/spec.md and docs/diagnostics.md from the code's tables and fails
// when a checked-in copy is stale; go test ./... -update rewrites them.
func TestGeneratedDocs(t *testing.T) {
	golden.Check(t, "../schema/sysext-ign.schema.json", Schema())
	for _, page := range []string{"spec.md", "diagnostics.md"} {
		golden.Check(t, "../docs/"+page, renderPage(t, page))
	}
}

// TestTablesDocumented names the row whose documentation is missing, which the generated pages would show as a blank.
func TestTablesDocumented(t *testing.T) {
	for _, k := range Kinds {
		if k.Means == "" || k.Fix == "" {
			t.Errorf("Kinds: %s needs Means (what it means) and Fix (how to fix it) for docs/diagnostics.md", k.Code)
		}
	}
	for _, table := range []string{"spec", "extension", "update", "official"} {
		for _, r := range fieldRows(table) {
			if r.Kind == "" || r.Doc == "" {
				t.Errorf("%sFields: key %s needs kind (its type) and doc (what it does) for docs/spec.md and the schema", table, r.Key)
			}
		}
	}
}

// docsTemplates holds the prose of the generated pages; the tables come from the code.
const docsTemplates = "testdata/docs/"

func renderPage(t *testing.T, page string) []byte {
	t.Helper()
	tmpl, err := template.New(page + ".tmpl").Funcs(template.FuncMap{
		"fields": fieldRows, "limits": limitRows, "builtins": builtinRows, "official": officialRows,
		"butane": butaneRows, "kinds": kindRows, "retired": func() []retirement { return retirements }, "disableOrder": func() string { return strings.Join(builtinNames(), ", ") },
		"file": func(name string) string { return string(readFile(t, "../"+name)) },
	}).ParseFiles(docsTemplates + page + ".tmpl")
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := tmpl.Execute(&b, nil); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// fieldRow is one key of the spec as docs/spec.md shows it.
type fieldRow struct{ Key, Kind, Default, Allowed, Doc string }

func fieldRows(table string) []fieldRow {
	switch table {
	case "spec":
		return rowsOf(specFields.Get())
	case "extension":
		return rowsOf(extensionFields.Get())
	case "update":
		return rowsOf(updateFields.Get())
	case "official":
		return rowsOf(officialFields.Get())
	}
	panic("no field table " + table)
}

func rowsOf[T any](fields []field[T]) []fieldRow {
	var rows []fieldRow
	for _, f := range fields {
		def := f.def
		if def == "" && f.schema.Default != nil {
			def = fmt.Sprintf("`%v`", f.schema.Default)
		}
		rows = append(rows, fieldRow{f.key, f.kind, cmp.Or(def, "none"), allowedOf(f.schema), cell(f.doc)})
	}
	return rows
}

// allowedOf lists the values a key takes when the schema names them.
func allowedOf(s schemaNode) string {
	enum := s.Enum
	if s.Items != nil {
		enum = s.Items.Enum
	}
	switch {
	case len(enum) == 0:
		return "—"
	case slices.Equal(enum, codesOf(Warning)):
		return "the code of a warning"
	}
	return strings.Join(quoted(enum), ", ")
}

// cell keeps a table cell on one line and its pipes out of the table's syntax.
func cell(s string) string { return strings.ReplaceAll(s, "|", `\|`) }

// limitRow is one bound on the input, rendered from the constant the code enforces.
type limitRow struct{ What, Bound string }

func limitRows() []limitRow {
	return []limitRow{
		{"a spec, and each file `validate --butane` checks", mib(MaxSpecBytes)},
		{"images: `extensions` and `flatcar_extensions` together (overlayfs stacks at most 500 layers, one of them the node's `/usr`)", fmt.Sprint(MaxExtensions)},
		{"entries of one `headers` mapping, top-level or an extension's", fmt.Sprint(MaxHeaders)},
		{"files in `ca`, `include` and `update_keyring` together", fmt.Sprint(MaxFiles)},
		{"bytes of those files together, and of each", mib(MaxFilesBytes)},
		{"entries (list items and mapping keys) of all included files together, and of each file `validate --butane` checks", fmt.Sprintf("%d", MaxIncludeEntries)},
		{"characters of an extension name, an official extension name and a `series`", fmt.Sprint(maxNameLength)},
		{"characters of a `restart` unit name", fmt.Sprint(unitNameMax)},
		{"bytes of a path the node gets (a local `update.source`, or a storage path, link target or mount path in an included file): Linux's `PATH_MAX` less its NUL", fmt.Sprint(MaxPathBytes)},
		{"bytes of one name in such a path (`NAME_MAX`)", fmt.Sprint(MaxNameBytes)},
		{"components of such a path, three times the depth of the deepest path on a development machine's whole root filesystem", fmt.Sprint(MaxPathComponents)},
		{"keys in `update_keyring`", fmt.Sprint(MaxKeyringKeys)},
		{"work of checking an `update_keyring`'s self-signatures, in units of one Ed25519 signature check (a larger key's check counts more)", fmt.Sprint(MaxKeyringWork)},
	}
}

func mib(n int) string { return fmt.Sprintf("%d MiB", n>>20) }

// builtinRow is one built-in and what each disable_method writes for it.
type builtinRow struct{ Name, Link, Directory string }

func builtinRows() []builtinRow {
	var rows []builtinRow
	for _, b := range builtins {
		rows = append(rows, builtinRow{b.name, maskDoc(b.link), maskDoc(b.directory)})
	}
	return rows
}

func maskDoc(m mask) string {
	switch m.kind {
	case maskLink:
		return "link `" + m.path + "` → `/dev/null`"
	case maskDir:
		return "empty directory `" + m.path + "`"
	}
	return "empty file `" + m.path + "`"
}

// officialRow is one official Flatcar extension, the first release that ships it and the architectures it is built for.
type officialRow struct{ Name, Release, Arches string }

// officialRows renders the table of official extensions; the one place docs/spec.md reads it.
func officialRows() []officialRow {
	var rows []officialRow
	for _, o := range officialExtensions {
		rows = append(rows, officialRow{o.Name, o.Since, strings.Join(o.Arches, ", ")})
	}
	return rows
}

type butaneRow struct{ Version, Ignition string }

func butaneRows() []butaneRow {
	var rows []butaneRow
	for _, r := range butaneReleases {
		rows = append(rows, butaneRow{r.version, r.ignition})
	}
	return rows
}

// kindRow is one diagnostic as docs/diagnostics.md shows it.
type kindRow struct{ Code, Means, Fix string }

func kindRows(sev string) []kindRow {
	var rows []kindRow
	for _, k := range Kinds {
		if k.Severity.String() == sev {
			rows = append(rows, kindRow{string(k.Code), k.Means, k.Fix})
		}
	}
	return rows
}

// TestDocSpecs runs every spec shown in the docs through Generate, so no page shows a spec that gen refuses.
func TestDocSpecs(t *testing.T) {
	_, keys, _ := testKeys(t)
	files := memFiles(map[string]string{"ca.pem": testCA, "mirror-ca.pem": testCA, "base.bu": "variant: flatcar\nversion: 1.0.0\n",
		"ssh.bu": "variant: flatcar\nversion: 1.0.0\n", "keys.asc": string(keys)})
	block := regexp.MustCompile("(?s)```yaml([^\n]*)\n(.*?)```")
	seen := 0
	for _, page := range docPages(t) {
		for _, m := range block.FindAllStringSubmatch(string(readFile(t, page)), -1) {
			src := strings.ReplaceAll(m[2], "<64 hex digits>", strings.Repeat("0", 64))
			// A YAML block is a spec when its top-level keys are all spec keys.
			if !isSpec(src) {
				continue
			}
			seen++
			check := func(src []byte) Report { _, rep := Generate("spec.yaml", src, Options{ReadFile: files}); return rep }
			// A block marked ```yaml lock-input shows what lock takes, so it must pass lock's check, which lets
			// version: latest through.
			if strings.TrimSpace(m[1]) == "lock-input" {
				check = func(src []byte) Report { _, rep := Lockables("spec.yaml", src, Options{ReadFile: files}); return rep }
			}
			if rep := check([]byte(src)); rep.HasErrors() {
				t.Errorf("%s shows a spec that gen refuses:\n%s\n%v", page, m[2], rep)
			}
		}
	}
	if seen < 15 {
		t.Errorf("found only %d specs in the docs; the block pattern or isSpec is broken", seen)
	}
}

// docPages are the README and the pages under docs/.
func docPages(t *testing.T) []string {
	pages := []string{"../README.md"}
	entries, err := os.ReadDir("../docs")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".md") {
			pages = append(pages, "../docs/"+e.Name())
		}
	}
	return pages
}

func isSpec(src string) bool {
	var m map[string]any
	if yaml.Unmarshal([]byte(src), &m) != nil || len(m) == 0 {
		return false
	}
	for k := range m {
		if !slices.Contains(keysOf(specFields.Get()), k) {
			return false
		}
	}
	return true
}

// TestReadmeShort keeps the README a page an operator reads in one go; reference material belongs under docs/.
func TestReadmeShort(t *testing.T) {
	if n := bytes.Count(readFile(t, "../README.md"), []byte("\n")); n > 250 {
		t.Errorf("README.md has %d lines; keep it at most 250 and move reference material into docs/", n)
	}
}
