package main

import (
	"encoding/json"
	"os"
	"slices"
	"strings"
	"testing"
)

// stage is one FROM of the Containerfile: its base, its name, and its instructions as keyword and arguments.
type stage struct {
	from, name   string
	instructions [][2]string
}

func containerfile(t *testing.T) []stage {
	t.Helper()
	b, err := os.ReadFile("../../Containerfile")
	if err != nil {
		t.Fatal(err)
	}
	var stages []stage
	for _, line := range strings.Split(string(b), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		keyword, args, _ := strings.Cut(line, " ")
		if keyword == "FROM" {
			f := strings.Fields(args)
			s := stage{from: f[len(f)-1]}
			if len(f) >= 3 && strings.EqualFold(f[len(f)-2], "AS") {
				s.from, s.name = f[len(f)-3], f[len(f)-1]
			}
			stages = append(stages, s)
			continue
		}
		if len(stages) == 0 {
			t.Fatalf("Containerfile: %s before the first FROM", keyword)
		}
		last := &stages[len(stages)-1]
		last.instructions = append(last.instructions, [2]string{keyword, args})
	}
	if len(stages) == 0 {
		t.Fatal("Containerfile has no FROM")
	}
	return stages
}

// finalStage maps each keyword of the image's own stage to its arguments, in order.
func finalStage(t *testing.T) map[string][]string {
	t.Helper()
	stages := containerfile(t)
	got := map[string][]string{}
	for _, ins := range stages[len(stages)-1].instructions {
		got[ins[0]] = append(got[ins[0]], ins[1])
	}
	return got
}

// TestContainerfile checks what users build with their own engine: no stage pulls a base image or needs a
// shell, the binary is the exec-form entrypoint with no default arguments, a non-root user, CA certificates
// from the build context where Go looks, and the /work the docs mount.
func TestContainerfile(t *testing.T) {
	var names []string
	for _, s := range containerfile(t) {
		if s.from != "scratch" && !slices.Contains(names, s.from) {
			t.Errorf("Containerfile: FROM %s pulls a base image; want scratch or an earlier stage", s.from)
		}
		for _, ins := range s.instructions {
			if ins[0] == "RUN" {
				t.Errorf("Containerfile: RUN %s needs a shell in a base image", ins[1])
			}
		}
		names = append(names, s.name)
	}
	got := finalStage(t)
	var entrypoint []string
	if len(got["ENTRYPOINT"]) != 1 || json.Unmarshal([]byte(got["ENTRYPOINT"][0]), &entrypoint) != nil || len(entrypoint) != 1 {
		t.Fatalf("want one exec-form ENTRYPOINT of the binary alone, have %q", got["ENTRYPOINT"])
	}
	copies := strings.Join(got["COPY"], "\n") + "\n"
	for _, c := range []struct {
		ok   bool
		what string
	}{
		{got["CMD"] == nil, "no CMD, so docker run's arguments go to sysext-ign"},
		{strings.HasSuffix(entrypoint[0], "/sysext-ign") && strings.Contains(copies, "--from=release /sysext-ign_") &&
			strings.Contains(copies, "/sysext-ign "+entrypoint[0]+"\n"), "the entrypoint is the sysext-ign binary a COPY takes from the release archive"},
		{slices.Contains(got["COPY"], "ca-certificates.crt /etc/ssl/certs/ca-certificates.crt"),
			"the CA bundle from the build context at the first path Go's crypto/x509 reads on linux"},
		{len(got["USER"]) == 1 && !strings.HasPrefix(got["USER"][0], "0") && !strings.HasPrefix(got["USER"][0], "root"), "one non-root USER"},
		{strings.Join(got["WORKDIR"], "") == "/work", `WORKDIR /work, where the docs mount -v "$PWD:/work"`},
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
		if !strings.Contains(string(text), ` run --rm -i -v "$PWD:/work" `) {
			t.Errorf(`%s does not show docker or podman run --rm -i -v "$PWD:/work" ...`, page)
		}
	}
}

// TestImageMatchesContainerfile keeps the image scripts/image writes and the one the Containerfile builds
// alike: the same user, working directory and entrypoint, and files at the same paths.
func TestImageMatchesContainerfile(t *testing.T) {
	got := finalStage(t)
	var entrypoint []string
	if len(got["ENTRYPOINT"]) == 1 {
		json.Unmarshal([]byte(got["ENTRYPOINT"][0]), &entrypoint)
	}
	var dests []string
	for _, c := range got["COPY"] {
		f := strings.Fields(c)
		dests = append(dests, f[len(f)-1])
	}
	slices.Sort(dests)
	for _, c := range []struct {
		what      string
		file, img any
	}{
		{"USER", got["USER"], []string{user}},
		{"WORKDIR", got["WORKDIR"], []string{workDir}},
		{"ENTRYPOINT", entrypoint, []string{binaryPath}},
		{"COPY destinations", dests, []string{bundlePath, binaryPath}},
	} {
		if !slices.Equal(c.file.([]string), c.img.([]string)) {
			t.Errorf("Containerfile %s is %q, scripts/image writes %q", c.what, c.file, c.img)
		}
	}
}
