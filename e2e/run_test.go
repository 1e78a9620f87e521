package e2e

import (
	"bytes"
	"os"
	"os/exec"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// Environment variables scripts/e2e exports with the paths of what it built.
const (
	envBin             = "SYSEXT_IGN_BIN"
	envRepo            = "SYSEXT_IGN_REPO"
	envIgnition        = "SYSEXT_IGN_E2E_IGNITION"
	envTofu            = "SYSEXT_IGN_E2E_TOFU"
	envProvider        = "SYSEXT_IGN_E2E_PROVIDER"
	envProviderVersion = "SYSEXT_IGN_E2E_PROVIDER_VERSION"
	envPrecommit       = "SYSEXT_IGN_E2E_PRECOMMIT"
	envParts           = "SYSEXT_IGN_E2E_PARTS"     // the parts asked for
	envAllParts        = "SYSEXT_IGN_E2E_ALL_PARTS" // every part scripts/e2e knows
)

// inPart runs the rest of the test only when scripts/e2e was asked for its part, which names the tools it needs.
// A part the script does not know fails, so a misspelt part cannot leave a test out; the skip's wording is what
// scripts/e2ecount counts as left out, and any other skip counts as a failure.
func inPart(t *testing.T, part string) {
	t.Helper()
	if known := strings.Fields(os.Getenv(envAllParts)); !slices.Contains(known, part) {
		t.Fatalf("part %q is not one of scripts/e2e's parts %q: run the suite through scripts/e2e", part, known)
	}
	if !slices.Contains(strings.Fields(os.Getenv(envParts)), part) {
		t.Skipf("part %q is not in SYSEXT_IGN_E2E_PARTS", part)
	}
}

// tool returns a path scripts/e2e exported and fails the test without it,
// because a missing tool must never turn into a silent pass.
func tool(t *testing.T, env string) string {
	t.Helper()
	p := os.Getenv(env)
	if p == "" {
		t.Fatalf("%s is not set: run the suite through scripts/e2e, which installs every tool", env)
	}
	if _, err := os.Stat(p); err != nil {
		t.Fatalf("%s: %v", env, err)
	}
	return p
}

// command wraps name in timeout(1), because Ignition, sysupdate and tofu
// retry some failures forever and must not hang the suite.
func command(limit time.Duration, name string, args ...string) *exec.Cmd {
	secs := strconv.Itoa(int(limit / time.Second))
	return exec.Command("timeout", append([]string{"--kill-after=10", secs, name}, args...)...)
}

// result is what a finished command printed and how it ended.
type result struct {
	stdout, stderr string
	err            error
}

// combined is both streams, for matching messages wherever a tool put them.
func (r result) combined() string { return r.stdout + r.stderr }

// runCmd runs c and logs its output on failure, so a red test shows why.
func runCmd(t *testing.T, c *exec.Cmd) result {
	t.Helper()
	var out, errb bytes.Buffer
	c.Stdout, c.Stderr = &out, &errb
	err := c.Run()
	r := result{out.String(), errb.String(), err}
	if err != nil {
		t.Logf("%v: %v\nstdout:\n%s\nstderr:\n%s", c.Args, err, clip(r.stdout), clip(r.stderr))
	}
	return r
}

// clip keeps logs readable when a tool prints a lot.
func clip(s string) string {
	const max = 6000
	if len(s) > max {
		return s[:max/2] + "\n…\n" + s[len(s)-max/2:]
	}
	return s
}
