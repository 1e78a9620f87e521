package main

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/sysext-ign/sysext-ign/generator"
)

// Exit codes are part of the interface that scripts, pre-commit and Terraform rely on.
const (
	exitOK      = 0
	exitInvalid = 1
	exitUsage   = 2
)

const usage = `sysext-ign turns a spec of Flatcar system extensions into validated Ignition.

Usage:
  sysext-ign gen [flags] SPEC          generate Ignition JSON (SPEC is a file, or - for stdin)
  sysext-ign validate [flags] FILE...  check specs, or Butane files, printing only problems
  sysext-ign lock [flags] SPEC         pin hashes (and version: latest) in SPEC from the images' SHA256SUMS;
                                       lock --check proves SPEC is pinned and every URL the node fetches answers
  sysext-ign terraform                 serve Terraform's external data source (JSON on stdin and stdout)
  sysext-ign schema                    print the JSON Schema of the spec format
  sysext-ign version [--json]          print the version, commit, Go version and platform
  sysext-ign help [COMMAND]            print this help, or the help of COMMAND

Run 'sysext-ign help COMMAND' or 'sysext-ign COMMAND --help' for the flags of a command.

A spec is YAML, such as:
` + exampleSpec + `
Exit status: 0 ok, 1 invalid input, 2 usage error.
` + specPointer

// exampleSpec is the spec the help shows, indented; a test generates it.
const exampleSpec = `  disable: [docker-flatcar, containerd-flatcar]
  extensions:
    - name: docker
      version: 28.0.4
      update: true
`

// specPointer ends every help text with where the spec format is described.
const specPointer = `
The spec format is described in docs/spec.md, in the repository and in each
release archive; 'sysext-ign schema' prints its JSON Schema.
`

// env carries the process's streams, so run is testable without a process.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
}

// maskedWriter masks URL userinfo in all that reaches stderr, so no message, whoever wrote it, shows a password.
type maskedWriter struct{ w io.Writer }

func (m maskedWriter) Write(p []byte) (int, error) {
	if _, err := io.WriteString(m.w, generator.MaskURLs(string(p))); err != nil {
		return 0, err
	}
	return len(p), nil
}

// commands are each command, and the flag-like alias of version, with what runs it; help, which names them, is apart.
var commands = []struct {
	name string
	run  func(e *env, args []string) int
}{
	{"gen", (*env).gen},
	{"validate", (*env).validate},
	{"lock", (*env).lock},
	{"terraform", (*env).terraform},
	{"schema", (*env).schema},
	{"version", (*env).version},
	{"--version", (*env).version},
}

// commandNamed finds what runs the command name, or nil.
func commandNamed(name string) func(e *env, args []string) int {
	for _, c := range commands {
		if c.name == name {
			return c.run
		}
	}
	return nil
}

// helpNames are the spellings of help.
var helpNames = []string{"help", "-h", "--help"}

// help prints the usage, or with a command's name what that command's --help prints, to stdout,
// since asking for help is not an error.
func (e *env) help(args []string) int {
	switch {
	case len(args) == 0 || len(args) == 1 && slices.Contains(helpNames, args[0]):
		fmt.Fprint(e.stdout, usage)
		return exitOK
	case len(args) > 1:
		fmt.Fprintf(e.stderr, "sysext-ign help: want at most one COMMAND\n\n%s", usage)
		return exitUsage
	}
	if command := commandNamed(args[0]); command != nil && !strings.HasPrefix(args[0], "-") {
		return command(e, []string{"--help"})
	}
	fmt.Fprintf(e.stderr, "sysext-ign help: %s\n\n%s", unknownCommand(args[0]), usage)
	return exitUsage
}

// unknownCommand says a command does not exist, and which one was probably meant.
func unknownCommand(name string) string {
	msg := fmt.Sprintf("unknown command %q", name)
	if near := generator.Nearest(name, commandNames()); near != "" {
		msg += fmt.Sprintf("; did you mean %q?", near)
	}
	return msg
}

// commandNames lists the commands, without the flag-like spellings of version and help.
func commandNames() []string {
	names := []string{"help"}
	for _, c := range commands {
		if !strings.HasPrefix(c.name, "-") {
			names = append(names, c.name)
		}
	}
	slices.Sort(names)
	return names
}

// run is the whole program; main only passes the process's state in and the exit code out.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	e := &env{stdin: stdin, stdout: stdout, stderr: maskedWriter{stderr}}
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return exitUsage
	}
	if slices.Contains(helpNames, args[0]) {
		return e.help(args[1:])
	}
	if command := commandNamed(args[0]); command != nil {
		return command(e, args[1:])
	}
	fmt.Fprintf(e.stderr, "sysext-ign: %s\n\n%s", unknownCommand(args[0]), usage)
	return exitUsage
}
