package main

import (
	"fmt"
	"io"

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
  sysext-ign help                      print this help

Run 'sysext-ign COMMAND --help' for the flags of a command.

Exit status: 0 ok, 1 invalid input, 2 usage error.
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

// commands maps each command, and the flag-like aliases of version and help, to what runs it.
var commands = map[string]func(e *env, args []string) int{
	"gen":       (*env).gen,
	"validate":  (*env).validate,
	"lock":      (*env).lock,
	"terraform": (*env).terraform,
	"schema":    (*env).schema,
	"version":   (*env).version,
	"--version": (*env).version,
	"help":      (*env).help,
	"-h":        (*env).help,
	"--help":    (*env).help,
}

// help prints the usage to stdout, since asking for help is not an error.
func (e *env) help([]string) int {
	fmt.Fprint(e.stdout, usage)
	return exitOK
}

// run is the whole program; main only passes the process's state in and the exit code out.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	e := &env{stdin: stdin, stdout: stdout, stderr: maskedWriter{stderr}}
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return exitUsage
	}
	if command, ok := commands[args[0]]; ok {
		return command(e, args[1:])
	}
	fmt.Fprintf(e.stderr, "sysext-ign: unknown command %q\n\n%s", args[0], usage)
	return exitUsage
}
