package main

import (
	"flag"
	"os"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/testscript"
)

var update = flag.Bool("update", false, "rewrite the expected output in testdata/*.txtar")

// programs are the commands the scripts run from this test binary, each ending the process with run's exit code.
var programs = map[string]func(){
	"sysext-ign": func() { os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr)) },
	// sysext-ign-paused stops before -o's rename, with the temporary file written, so a test can signal it there.
	"sysext-ign-paused": func() {
		beforeRename = func() {
			os.Stderr.WriteString("paused\n")
			time.Sleep(time.Minute)
		}
		os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
	},
}

func TestMain(m *testing.M) { testscript.Main(m, programs) }

// TestScripts runs the CLI scenarios in testdata, one file per subcommand.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir: "testdata", UpdateScripts: *update, RequireExplicitExec: true,
		Cmds: scriptCmds, Condition: scriptCondition,
	})
}
