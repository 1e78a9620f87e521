package main

import (
	"encoding/json"
	"os"
	"strings"
	"testing"
)

// finalStage returns the instructions of the Containerfile's last stage, as keyword and arguments.
func finalStage(t *testing.T) [][2]string {
	t.Helper()
	b, err := os.ReadFile("../../Containerfile")
	if err != nil {
		t.Fatal(err)
	}
	var stage [][2]string
	for _, line := range strings.Split(string(b), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		keyword, args, _ := strings.Cut(line, " ")
		if keyword == "FROM" {
			stage = nil
		}
		stage = append(stage, [2]string{keyword, args})
	}
	return stage
}

// TestContainerfile checks the image CI cannot build: scratch, the binary as the exec-form entrypoint with
// no default arguments, a non-root user, CA certificates where Go looks, and the /work that docs/release.md mounts.
func TestContainerfile(t *testing.T) {
	got := map[string][]string{}
	for _, ins := range finalStage(t) {
		got[ins[0]] = append(got[ins[0]], ins[1])
	}
	var entrypoint []string
	if len(got["ENTRYPOINT"]) != 1 || json.Unmarshal([]byte(got["ENTRYPOINT"][0]), &entrypoint) != nil || len(entrypoint) != 1 {
		t.Fatalf("want one exec-form ENTRYPOINT of the binary alone, have %q", got["ENTRYPOINT"])
	}
	copies := strings.Join(got["COPY"], "\n") + "\n"
	for _, c := range []struct {
		ok   bool
		what string
	}{
		{strings.Join(got["FROM"], "") == "scratch", "the last stage is FROM scratch"},
		{got["CMD"] == nil, "no CMD, so docker run's arguments go to sysext-ign"},
		{strings.HasSuffix(entrypoint[0], "/sysext-ign") && strings.Contains(copies, "/sysext-ign "+entrypoint[0]+"\n"),
			"the entrypoint is the sysext-ign binary a COPY puts there"},
		{strings.Contains(copies, " /etc/ssl/certs/ca-certificates.crt"), "the CA bundle at the first path Go's crypto/x509 reads on linux"},
		{len(got["USER"]) == 1 && !strings.HasPrefix(got["USER"][0], "0") && !strings.HasPrefix(got["USER"][0], "root"), "one non-root USER"},
		{strings.Join(got["WORKDIR"], "") == "/work", `WORKDIR /work, where docs/release.md mounts -v "$PWD:/work"`},
	} {
		if !c.ok {
			t.Errorf("Containerfile: want %s", c.what)
		}
	}
	for _, page := range []string{"docs/release.md", "README.md"} {
		text, err := os.ReadFile("../../" + page)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(text), `docker run --rm -i -v "$PWD:/work" `) {
			t.Errorf(`%s does not show docker run --rm -i -v "$PWD:/work" ...`, page)
		}
	}
}
