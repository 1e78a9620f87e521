package main

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"

	"github.com/rogpeppe/go-internal/testscript"
	"gopkg.in/yaml.v3"
)

// scriptCmds are the testscript commands the CLI scenarios need beyond the built-in ones.
var scriptCmds = map[string]func(ts *testscript.TestScript, neg bool, args []string){
	"exits":    cmdExits,
	"manyspec": cmdManySpec,
	"padspec":  cmdPadSpec,
	"serve":    serveBakery,
	"envsubst": envsubst,
}

// scriptCondition adds [root], since root reads files whatever their permissions say,
// and [cgo], since a build with cgo may resolve host names through the C library.
func scriptCondition(cond string) (bool, error) {
	switch cond {
	case "root":
		return os.Geteuid() == 0, nil
	case "cgo":
		return builtWithCgo(), nil
	}
	return false, errors.New("unknown condition " + cond)
}

// builtWithCgo reports what the go command recorded about this test binary's build.
func builtWithCgo() bool {
	info, ok := debug.ReadBuildInfo()
	return ok && slices.Contains(info.Settings, debug.BuildSetting{Key: "CGO_ENABLED", Value: "1"})
}

// cmdExits runs a program like exec but requires one exact exit code, since ! exec accepts any failure.
func cmdExits(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 {
		ts.Fatalf("usage: exits CODE PROGRAM [ARGS...]")
	}
	want, err := strconv.Atoi(args[0])
	ts.Check(err)
	got := 0
	var exitErr *exec.ExitError
	if err := ts.Exec(args[1], args[2:]...); errors.As(err, &exitErr) {
		got = exitErr.ExitCode()
	} else if err != nil {
		ts.Fatalf("%s: %v", args[1], err)
	}
	if got != want {
		ts.Fatalf("%s exited %d, want %d", args[1], got, want)
	}
}

// cmdManySpec writes a valid spec of N extensions, whose Ignition is larger than a pipe's buffer.
func cmdManySpec(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: manyspec N FILE")
	}
	n, err := strconv.Atoi(args[0])
	ts.Check(err)
	type ext struct{ Name, Source string }
	spec := struct{ Extensions []ext }{}
	for i := range n {
		name := "ext" + strconv.Itoa(i)
		// A long path keeps the output past a pipe's 64 KiB within the limit on extensions.
		spec.Extensions = append(spec.Extensions, ext{name, "https://mirror.example/" + strings.Repeat("images/", 30) + name + ".raw"})
	}
	out, err := yaml.Marshal(spec)
	ts.Check(err)
	ts.Check(os.WriteFile(ts.MkAbs(args[1]), out, 0o644))
}

// cmdPadSpec writes a spec of at least BYTES bytes, mostly comments, so oversized input need not be committed.
func cmdPadSpec(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: padspec BYTES FILE")
	}
	size, err := strconv.Atoi(args[0])
	ts.Check(err)
	line := []byte("# padding to test the size limit\n")
	buf := bytes.Repeat(line, size/len(line)+1)
	buf = append(buf, "disable: [torcx-generator]\n"...)
	ts.Check(os.WriteFile(ts.MkAbs(args[1]), buf, 0o644))
}
