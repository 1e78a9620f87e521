package templates

import (
	"regexp"
	"strings"
	"testing"
)

func TestTransferEscapesSpecifiers(t *testing.T) {
	got := TransferFile(Transfer{Source: "https://h/a%20b/", Pattern: "a-@v-%a.raw", Dir: "/opt/extensions/a", Link: "/etc/extensions/a.raw"})
	for _, want := range []string{"Path=https://h/a%%20b/\n", "MatchPattern=a-@v-%a.raw\n", "CurrentSymlink=/etc/extensions/a.raw\n", "Path=/opt/extensions/a\nMatchPattern=a-@v-%a.raw\n"} {
		if !strings.Contains(got, want) {
			t.Errorf("transfer file lacks %q:\n%s", want, got)
		}
	}
}

func TestEnabled(t *testing.T) {
	got := EnabledFile(Enabled{Names: []string{"podman", "zfs"}, MinRelease: "3941.0.0"})
	want := "# Official Flatcar extensions to enable, written by sysext-ign.\n# They need Flatcar 3941.0.0 or later.\npodman\nzfs\n"
	if got != want {
		t.Errorf("got\n%q\nwant\n%q", got, want)
	}
	if got := EnabledFile(Enabled{Names: []string{"x"}}); strings.Contains(got, "need") {
		t.Errorf("an unknown release must not be claimed:\n%s", got)
	}
}

// TestDropinStateFilesDoNotCollide guards against the bakery's /tmp/NAME and /tmp/NAME-new, where docker's "new" file is docker-new's "old" one,
// and keeps the state files in the root-only folder the drop-in creates, since a world-writable /tmp lets any user plant a link there.
func TestDropinStateFilesDoNotCollide(t *testing.T) {
	a := DropinFile(Dropin{Name: "docker", Link: "/etc/extensions/docker.raw"})
	b := DropinFile(Dropin{Name: "docker-new", Link: "/etc/extensions/docker-new.raw"})
	used := map[string]bool{}
	for _, f := range stateFiles.FindAllString(a, -1) {
		used[f] = true
	}
	for _, f := range stateFiles.FindAllString(b, -1) {
		if used[f] {
			t.Errorf("both drop-ins use %s", f)
		}
	}
	if len(used) != 2 {
		t.Errorf("want two state files, got %v", used)
	}
	if !strings.Contains(a, "ExecStartPre=/usr/bin/mkdir -p -m 0700 /run/sysext-ign\n") {
		t.Errorf("drop-in does not create its state folder root-only:\n%s", a)
	}
	if !strings.Contains(a, "systemd-sysupdate -C docker update") {
		t.Errorf("drop-in does not run the component update:\n%s", a)
	}
}

var stateFiles = regexp.MustCompile(`/run/sysext-ign/[^ ";]+`)
