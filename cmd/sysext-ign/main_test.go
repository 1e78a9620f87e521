package main

import (
	"flag"
	"os"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/testscript"
)

var update = flag.Bool("update", false, "rewrite the expected output in testdata/*.txtar")

func TestMain(m *testing.M) {
	os.Exit(testscript.RunMain(m, map[string]func() int{
		"sysext-ign": func() int { return run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr) },
		// sysext-ign-paused stops before -o's rename, with the temporary file written, so a test can signal it there.
		"sysext-ign-paused": func() int {
			beforeRename = func() {
				os.Stderr.WriteString("paused\n")
				time.Sleep(time.Minute)
			}
			return run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
		},
	}))
}

// TestScripts runs the CLI scenarios in testdata, one file per subcommand.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir: "testdata", UpdateScripts: *update, RequireExplicitExec: true,
		Cmds: scriptCmds, Condition: scriptCondition,
	})
}
