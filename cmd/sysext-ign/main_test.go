package main

import (
	"os"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/sysext-ign/sysext-ign/internal/golden"
)

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
		Dir: "testdata", UpdateScripts: golden.Update(), RequireExplicitExec: true,
		Cmds: scriptCmds, Condition: scriptCondition,
	})
}
