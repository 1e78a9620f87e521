package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/spf13/pflag"
)

// newFlags makes a flag set that reports errors to us instead of printing and exiting.
func newFlags(name string) *pflag.FlagSet {
	fs := pflag.NewFlagSet(name, pflag.ContinueOnError)
	fs.SortFlags = false
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	fs.BoolP("help", "h", false, "print this help")
	return fs
}

// parse returns an exit code when the command should stop (after help, or on a usage error) and -1 to go on.
func (e *env) parse(fs *pflag.FlagSet, synopsis string, args []string) int {
	err := fs.Parse(args)
	if err != nil {
		return e.usageError(fs, synopsis, err.Error())
	}
	if help, _ := fs.GetBool("help"); help {
		fmt.Fprint(e.stdout, helpText(fs, synopsis))
		return exitOK
	}
	return -1
}

// parseNoArgs is parse for a command that takes no arguments, with msg as the usage error when some are given.
func (e *env) parseNoArgs(fs *pflag.FlagSet, synopsis string, args []string, msg string) int {
	if code := e.parse(fs, synopsis, args); code >= 0 {
		return code
	}
	if fs.NArg() > 0 {
		return e.usageError(fs, synopsis, msg)
	}
	return -1
}

// usageError reports a command-line mistake with the command's help, and exit code 2.
func (e *env) usageError(fs *pflag.FlagSet, synopsis, msg string) int {
	fmt.Fprintf(e.stderr, "sysext-ign %s: %s\n\n%s", fs.Name(), msg, helpText(fs, synopsis))
	return exitUsage
}

func helpText(fs *pflag.FlagSet, synopsis string) string {
	var b strings.Builder
	b.WriteString(synopsis)
	b.WriteString("\nFlags:\n")
	b.WriteString(fs.FlagUsages())
	return b.String()
}
