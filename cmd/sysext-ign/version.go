package main

import (
	"fmt"
	"runtime/debug"
)

const versionSynopsis = `Usage: sysext-ign version

Print the module version that go install recorded, or (devel) for a local build.
`

func (e *env) version(args []string) int {
	if code := e.parseNoArgs(newFlags("version"), versionSynopsis, args, "version takes no arguments"); code >= 0 {
		return code
	}
	fmt.Fprintf(e.stdout, "sysext-ign %s\n", moduleVersion())
	return exitOK
}

// moduleVersion is the version go install recorded, or (devel) for a local build.
func moduleVersion() string {
	if info, ok := debug.ReadBuildInfo(); ok && info.Main.Version != "" {
		return info.Main.Version
	}
	return "(devel)"
}
