package main

import (
	"fmt"
	"runtime/debug"
)

func (e *env) version(args []string) int {
	if len(args) > 0 {
		fmt.Fprintln(e.stderr, "sysext-ign: version takes no arguments")
		return exitUsage
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
