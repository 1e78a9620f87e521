package main

import (
	"github.com/spf13/pflag"

	"github.com/sysext-ign/sysext-ign/generator"
)

const genSynopsis = `Usage: sysext-ign gen [flags] SPEC

Generate Ignition JSON from SPEC, a file or - for stdin.
Diagnostics go to stderr as FILE:LINE:COL: error: message, or as
FILE:LINE: error: message where the YAML library gives no column.
Exit status: 0 ok, 1 invalid input, 2 usage error.
`

type genFlags struct {
	output                      string
	pretty, butane, strict, dbg bool
}

// flags declares gen's flags; the test of the README's command-line block reads them from here too.
func (f *genFlags) flags() *pflag.FlagSet {
	fs := newFlags("gen")
	fs.StringVarP(&f.output, "output", "o", "", "write to `FILE` atomically; on failure FILE is left untouched")
	fs.BoolVar(&f.pretty, "pretty", false, "indent the JSON (the default is one line and a newline)")
	fs.BoolVar(&f.butane, "butane", false, "print the generated Butane YAML instead of Ignition")
	fs.BoolVar(&f.strict, "strict", false, "treat warnings as errors")
	fs.BoolVar(&f.dbg, "debug", false, "print the generated Butane to stderr, header values masked")
	return fs
}

func (e *env) gen(args []string) int {
	var f genFlags
	fs := f.flags()
	if code := e.parse(fs, genSynopsis, args); code >= 0 {
		return code
	}
	switch {
	case fs.NArg() != 1:
		return e.usageError(fs, genSynopsis, "want exactly one SPEC argument")
	case fs.Changed("output") && f.output == "":
		return e.usageError(fs, genSynopsis, "--output needs a FILE, but its value is empty (an unset variable?); to print to stdout, leave -o out")
	case f.pretty && f.butane:
		return e.usageError(fs, genSynopsis, "--pretty formats JSON and cannot be used with --butane")
	}
	name, src, ok := e.readSpec(fs.Arg(0))
	if !ok {
		return exitInvalid
	}
	res, rep := generator.Generate(name, src, generator.Options{
		Pretty: f.pretty, Strict: f.strict, Butane: f.butane, Debug: f.dbg, ReadFile: readNamed,
	})
	e.report(rep)
	if f.dbg && res != nil {
		e.stderr.Write(res.Debug)
	}
	if rep.HasErrors() {
		return exitInvalid
	}
	out := res.Ignition
	if f.butane {
		out = res.Butane
	}
	return e.emit(f.output, out)
}
