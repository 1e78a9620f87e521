package generator

import (
	"regexp"
	"slices"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// TestMirrorLayout keeps the layout table of docs/mirrors.md equal, in both directions, to the URLs gen writes
// for Ignition to download and for systemd-sysupdate to read, for each spec shape the table names.
func TestMirrorLayout(t *testing.T) {
	doc := string(readFile(t, "../docs/mirrors.md"))
	_, section, _ := strings.Cut(doc, "\n## The layout a mirror serves\n")
	section, _, _ = strings.Cut(section, "\n## ")
	row := regexp.MustCompile("(?m)^\\| ([^|`]+): `([^`]+)` \\| (Ignition|systemd-sysupdate) \\| ([a-z ]+) \\| `([^`]+)` \\|$")
	const (
		bakery = "https://mirror.example/ext"
		source = "https://files.example/tool-1.2.3-x86-64.raw"
		folder = "https://files.example/updates/tool/"
	)
	placeholders := strings.NewReplacer("{bakery_url}", bakery, "FOLDER/", folder, "SOURCE", source,
		"NAME", "tool", "NEWVERSION", "@v", "VERSION", "1.2.3", "ARCH", "x86-64")
	documented := map[string][]string{}
	shapes := map[string]string{}
	for _, m := range row.FindAllStringSubmatch(section, -1) {
		shapes[m[1]] = m[2]
		documented[m[1]] = append(documented[m[1]], m[3]+" "+m[4]+" "+placeholders.Replace(m[5]))
	}
	if len(shapes) < 5 {
		t.Fatalf("docs/mirrors.md's layout table has %d spec shapes, want bakery image, updated bakery image, own source, update source and signed source", len(shapes))
	}
	_, keys, _ := testKeys(t)
	for shape, item := range shapes {
		spec := "bakery_url: " + bakery + "/\nupdate_keyring: keys.asc\nignore_warnings: [keyring-unused]\nextensions:\n  - " + placeholders.Replace(item) + "\n"
		res, rep := Generate("s.yaml", []byte(spec), Options{Butane: true, ReadFile: memFiles(map[string]string{"keys.asc": string(keys)})})
		if rep.HasErrors() {
			t.Errorf("%s: the table's form %q does not generate: %v", shape, item, rep)
			continue
		}
		written := fetchedURLs(t, res.Butane)
		slices.Sort(written)
		slices.Sort(documented[shape])
		if !slices.Equal(written, documented[shape]) {
			t.Errorf("%s: docs/mirrors.md lists\n  %s\ngen writes\n  %s", shape, strings.Join(documented[shape], "\n  "), strings.Join(written, "\n  "))
		}
	}
}

// fetchedURLs reads generated Butane for what the node fetches: each image Ignition downloads, and from each transfer
// file the list sysupdate reads, its signature with Verify=yes, and the images it matches, as "PROGRAM WHEN URL".
func fetchedURLs(t *testing.T, butane []byte) []string {
	var doc struct {
		Storage struct {
			Files []struct {
				Path     string
				Contents struct{ Source, Inline string }
			}
		}
	}
	if err := yaml.Unmarshal(butane, &doc); err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, f := range doc.Storage.Files {
		switch {
		case strings.HasPrefix(f.Contents.Source, "data:"):
		case f.Contents.Source != "":
			out = append(out, "Ignition first boot "+f.Contents.Source)
		case strings.HasPrefix(f.Path, "/etc/sysupdate.") && strings.HasSuffix(f.Path, ".transfer"):
			out = append(out, transferURLs(f.Contents.Inline)...)
		}
	}
	return out
}

// transferURLs gives what systemd-sysupdate fetches for a transfer file of a url-file source: its Path= joined with SHA256SUMS,
// SHA256SUMS.gpg with Verify=yes, and the MatchPattern with %a as the node's x86-64.
func transferURLs(transfer string) []string {
	value := func(section, key string) string {
		_, s, _ := strings.Cut(transfer, "["+section+"]\n")
		s, _, _ = strings.Cut(s, "\n[")
		for _, line := range strings.Split(s, "\n") {
			if v, ok := strings.CutPrefix(line, key+"="); ok {
				return strings.ReplaceAll(v, "%%", "%")
			}
		}
		return ""
	}
	if value("Source", "Type") != "url-file" {
		return nil
	}
	path := value("Source", "Path")
	out := []string{"systemd-sysupdate every update " + path + "SHA256SUMS",
		"systemd-sysupdate a newer version " + path + strings.ReplaceAll(value("Source", "MatchPattern"), "%a", "x86-64")}
	if value("Transfer", "Verify") == "yes" {
		out = append(out, "systemd-sysupdate every update "+path+"SHA256SUMS.gpg")
	}
	return out
}
