package main

import (
	"runtime/debug"
	"testing"
)

// TestReadBuildInfo checks where each kind of build gets its version and commit from.
func TestReadBuildInfo(t *testing.T) {
	installed := &debug.BuildInfo{Main: debug.Module{Path: "github.com/sysext-ign/sysext-ign", Version: "v1.2.3"}}
	local := &debug.BuildInfo{Main: debug.Module{Version: "(devel)"},
		Settings: []debug.BuildSetting{{Key: "vcs", Value: "git"}, {Key: "vcs.revision", Value: "0123abc"}}}
	for _, c := range []struct {
		name, stampedVersion, stampedCommit string
		recorded                            *debug.BuildInfo
		wantVersion, wantCommit             string
	}{
		{"release", "v2.0.0", "feedbeef", installed, "v2.0.0", "feedbeef"},
		{"go install @v1.2.3", "", "", installed, "v1.2.3", "unknown"},
		{"local build in a checkout", "", "", local, "(devel)", "0123abc"},
		{"no build info", "", "", nil, "(devel)", "unknown"},
	} {
		t.Run(c.name, func(t *testing.T) {
			read := func() (*debug.BuildInfo, bool) { return c.recorded, c.recorded != nil }
			got := readBuildInfo(c.stampedVersion, c.stampedCommit, read)
			if got.Version != c.wantVersion || got.Commit != c.wantCommit {
				t.Errorf("version %q commit %q, want %q %q", got.Version, got.Commit, c.wantVersion, c.wantCommit)
			}
			if got.Go == "" || got.Platform == "" {
				t.Errorf("no Go version or platform: %+v", got)
			}
		})
	}
}
