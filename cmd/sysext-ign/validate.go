package main

import (
	"runtime"
	"sync"

	"github.com/spf13/pflag"

	"github.com/sysext-ign/sysext-ign/generator"
)

const validateSynopsis = `Usage: sysext-ign validate [flags] FILE...

Check each FILE as gen would, without output for a file that passes.
A FILE of - reads stdin. Files are checked in parallel; diagnostics go to
stderr grouped by file, in argument order, as FILE:LINE:COL: error: message
(FILE:LINE: where the YAML library gives no column).
Exit status: 0 all files valid, 1 any file invalid or unreadable, 2 usage error.
`

type validateFlags struct {
	strict, quiet, butane bool
}

// flags declares validate's flags; the test of the README's command-line block reads them from here too.
func (f *validateFlags) flags() *pflag.FlagSet {
	fs := newFlags("validate")
	fs.BoolVar(&f.strict, "strict", false, "treat warnings as errors")
	fs.BoolVarP(&f.quiet, "quiet", "q", false, "print nothing; the exit status tells the result")
	fs.BoolVar(&f.butane, "butane", false, "check Butane files (variant flatcar) instead of specs")
	return fs
}

func (e *env) validate(args []string) int {
	var f validateFlags
	fs := f.flags()
	if code := e.parse(fs, validateSynopsis, args); code >= 0 {
		return code
	}
	files := fs.Args()
	switch {
	case len(files) == 0:
		return e.usageError(fs, validateSynopsis, "want at least one FILE argument")
	case countStdin(files) > 1:
		return e.usageError(fs, validateSynopsis, "- (stdin) can be given only once")
	}
	code := exitOK
	for _, rep := range e.checkAll(files, f.checker()) {
		if rep.HasErrors() {
			code = exitInvalid
		}
		if !f.quiet {
			e.report(rep)
		}
	}
	return code
}

// checker is what validate runs on each file's contents: the whole gen pipeline, or butane's translation.
func (f *validateFlags) checker() func(name string, src []byte) generator.Report {
	opts := generator.Options{Strict: f.strict, ReadFile: readNamed}
	if f.butane {
		return func(name string, src []byte) generator.Report { return generator.CheckButane(name, src, opts) }
	}
	return func(name string, src []byte) generator.Report {
		_, rep := generator.Generate(name, src, opts)
		return rep
	}
}

// checkAll checks files at most GOMAXPROCS at a time and keeps each report in its argument's place, so output is deterministic.
func (e *env) checkAll(files []string, check func(name string, src []byte) generator.Report) []generator.Report {
	reports := make([]generator.Report, len(files))
	slots := make(chan struct{}, runtime.GOMAXPROCS(0))
	var wg sync.WaitGroup
	for i, file := range files {
		slots <- struct{}{}
		wg.Go(func() {
			defer func() { <-slots }()
			name, src, rep := e.load(file)
			if rep == nil {
				rep = check(name, src)
			}
			reports[i] = rep
		})
	}
	wg.Wait()
	return reports
}

// countStdin counts the arguments that read stdin, "-" or a name for it.
func countStdin(list []string) int {
	n := 0
	for _, x := range list {
		if isStdin(x) {
			n++
		}
	}
	return n
}
