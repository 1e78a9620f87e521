package main

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/pflag"

	"github.com/sysext-ign/sysext-ign/generator"
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
	if err := fs.Parse(args); err != nil {
		return e.usageError(fs, synopsis, flagError(fs, err))
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
	fmt.Fprintf(e.stderr, "sysext-ign %s: %s\n\n%s", fs.Name(), generator.EscapeText(msg), helpText(fs, synopsis))
	return exitUsage
}

// flagError is pflag's complaint, with the flag a misspelt one most likely meant.
func flagError(fs *pflag.FlagSet, err error) string {
	var unknown *pflag.NotExistError
	if !errors.As(err, &unknown) || unknown.GetSpecifiedName() == "" {
		return err.Error()
	}
	var names []string
	fs.VisitAll(func(f *pflag.Flag) { names = append(names, f.Name) })
	if near := generator.Nearest(unknown.GetSpecifiedName(), names); near != "" {
		return fmt.Sprintf("%s; did you mean --%s?", err, near)
	}
	return err.Error()
}

func helpText(fs *pflag.FlagSet, synopsis string) string {
	var b strings.Builder
	b.WriteString(synopsis)
	b.WriteString("\nFlags:\n")
	b.WriteString(fs.FlagUsages())
	b.WriteString(specPointer)
	return b.String()
}
