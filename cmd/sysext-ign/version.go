package main

import (
	"encoding/json"
	"fmt"
	"runtime"
	"runtime/debug"
)

// version and commit are stamped by scripts/release with -ldflags -X; empty in other builds.
var version, commit string

const versionSynopsis = `Usage: sysext-ign version [--json]

Print the version, commit, Go version and platform of this binary.
A release build reports what scripts/release stamped; a go install build
reports the module version, such as v1.2.3, and a local build (devel).
`

// buildInfo is what version prints; the JSON names are an interface for scripts.
type buildInfo struct {
	Version  string `json:"version"`
	Commit   string `json:"commit"`
	Go       string `json:"go"`
	Platform string `json:"platform"`
}

func (e *env) version(args []string) int {
	fs := newFlags("version")
	asJSON := fs.Bool("json", false, "print the same fields as a JSON object")
	if code := e.parseNoArgs(fs, versionSynopsis, args, "version takes no arguments"); code >= 0 {
		return code
	}
	info := readBuildInfo(version, commit, debug.ReadBuildInfo)
	if *asJSON {
		out, _ := json.MarshalIndent(info, "", "  ") // a struct of strings always marshals
		fmt.Fprintf(e.stdout, "%s\n", out)
		return exitOK
	}
	fmt.Fprintf(e.stdout, "sysext-ign %s\ncommit:   %s\ngo:       %s\nplatform: %s\n",
		info.Version, info.Commit, info.Go, info.Platform)
	return exitOK
}

// readBuildInfo prefers the stamped values and falls back to what the go command recorded in the binary.
func readBuildInfo(stampedVersion, stampedCommit string, read func() (*debug.BuildInfo, bool)) buildInfo {
	info := buildInfo{Version: stampedVersion, Commit: stampedCommit,
		Go: runtime.Version(), Platform: runtime.GOOS + "/" + runtime.GOARCH}
	recorded, ok := read()
	if info.Version == "" {
		info.Version = "(devel)"
		if ok && recorded.Main.Version != "" {
			info.Version = recorded.Main.Version
		}
	}
	if info.Commit == "" {
		info.Commit = "unknown"
		if ok {
			info.Commit = vcsRevision(recorded, info.Commit)
		}
	}
	return info
}

// vcsRevision is the commit a build inside a git checkout recorded, or def; a module download has none.
func vcsRevision(recorded *debug.BuildInfo, def string) string {
	for _, s := range recorded.Settings {
		if s.Key == "vcs.revision" {
			return s.Value
		}
	}
	return def
}
