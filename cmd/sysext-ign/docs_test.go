package main

import (
	"bytes"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// flagLine is one flag as pflag prints it in --help and as the README writes it: "  -o, --output FILE   usage".
var flagLine = regexp.MustCompile(`^\s+(?:-\w, )?--([\w-]+)(?: [A-Z]+)?\s{2,}(\S.*)$`)

// readmeFlags reads the README's command-line block into each command's flags and their descriptions.
func readmeFlags(t *testing.T) map[string]map[string]string {
	t.Helper()
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, section, _ := strings.Cut(string(readme), "## Command line\n\n```\n")
	block, _, _ := strings.Cut(section, "```")
	flags := map[string]map[string]string{}
	var command string
	for _, line := range strings.Split(block, "\n") {
		if rest, ok := strings.CutPrefix(line, "sysext-ign "); ok {
			command = strings.Fields(rest)[0]
			flags[command] = map[string]string{}
		} else if m := flagLine.FindStringSubmatch(line); m != nil {
			flags[command][m[1]] = m[2]
		}
	}
	return flags
}

// helpFlags runs COMMAND --help and reads its flags the same way, so the test sees what users see.
func helpFlags(t *testing.T, command string) map[string]string {
	t.Helper()
	var stdout, stderr bytes.Buffer
	if code := run([]string{command, "--help"}, nil, &stdout, &stderr); code != exitOK {
		t.Fatalf("%s --help: exit %d: %s", command, code, stderr.String())
	}
	_, list, _ := strings.Cut(stdout.String(), "\nFlags:\n")
	flags := map[string]string{}
	for _, line := range strings.Split(list, "\n") {
		if m := flagLine.FindStringSubmatch(line); m != nil && m[1] != "help" {
			flags[m[1]] = m[2]
		}
	}
	return flags
}

// TestReadmeFlags keeps the README's command-line section in step with each command's --help, in both directions.
func TestReadmeFlags(t *testing.T) {
	readme := readmeFlags(t)
	total := 0
	for _, command := range commandNames() {
		if command == "help" {
			continue
		}
		inReadme, ok := readme[command]
		if !ok {
			t.Errorf("README's command-line block has no line for sysext-ign %s", command)
			continue
		}
		inHelp := helpFlags(t, command)
		total += len(inHelp)
		for _, name := range slices.Sorted(maps.Keys(inHelp)) {
			if got, ok := inReadme[name]; !ok {
				t.Errorf("README does not document %s --%s", command, name)
			} else if got != inHelp[name] {
				t.Errorf("README describes %s --%s as %q; --help says %q", command, name, got, inHelp[name])
			}
		}
		for name := range inReadme {
			if _, ok := inHelp[name]; !ok {
				t.Errorf("README documents %s --%s, which the command does not have", command, name)
			}
		}
	}
	if total == 0 {
		t.Fatal("no flags read from --help; the test would prove nothing")
	}
}

// TestUsageCommands keeps the top-level help listing exactly the commands run dispatches on.
func TestUsageCommands(t *testing.T) {
	var listed []string
	for _, line := range strings.Split(usage, "\n") {
		if rest, ok := strings.CutPrefix(line, "  sysext-ign "); ok {
			listed = append(listed, strings.Fields(rest)[0])
		}
	}
	slices.Sort(listed)
	if names := commandNames(); !slices.Equal(listed, names) {
		t.Errorf("sysext-ign help lists %v; run dispatches on %v", listed, names)
	}
}

// TestHelpExample proves the spec the help shows is one gen accepts, without a warning.
func TestHelpExample(t *testing.T) {
	dir := t.TempDir()
	spec := filepath.Join(dir, "spec.yaml")
	var unindented strings.Builder
	for _, line := range strings.SplitAfter(exampleSpec, "\n") {
		unindented.WriteString(strings.TrimPrefix(line, "  "))
	}
	if err := os.WriteFile(spec, []byte(unindented.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	if code := run([]string{"gen", "--strict", spec}, nil, &stdout, &stderr); code != exitOK {
		t.Errorf("the help's example spec fails: exit %d\n%s", code, stderr.String())
	}
}
