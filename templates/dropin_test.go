package templates

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// execWords splits an Exec*= value as systemd does for the parts the drop-ins use: words split at blanks, double
// quotes with C escapes, and %% for a literal %; any other specifier is an error, since the drop-ins must not use one.
func execWords(t *testing.T, value string) []string {
	t.Helper()
	var words []string
	var w strings.Builder
	in, quoted := false, false
	for i := 0; i < len(value); i++ {
		c := value[i]
		switch {
		case c == '%':
			if i+1 >= len(value) || value[i+1] != '%' {
				t.Fatalf("unescaped specifier in %q", value)
			}
			w.WriteByte('%')
			i++
			in = true
		case quoted && c == '\\':
			i++
			switch value[i] {
			case '\\', '"', '\'':
				w.WriteByte(value[i])
			default:
				t.Fatalf("unexpected C escape \\%c in %q", value[i], value)
			}
		case c == '"':
			quoted, in = !quoted, true
		case !quoted && c == ' ':
			if in {
				words = append(words, w.String())
				w.Reset()
				in = false
			}
		case !quoted && c == '\\':
			t.Fatalf("backslash outside quotes in %q", value)
		default:
			w.WriteByte(c)
			in = true
		}
	}
	if quoted {
		t.Fatalf("unterminated quote in %q", value)
	}
	if in {
		words = append(words, w.String())
	}
	return words
}

// fakeNode is a temporary tree standing in for the node's /etc, /run and the programs the drop-in calls,
// each fake logging its arguments; the sysupdate fake moves the link when moved is set, and the systemctl fake fails
// for the unit named failing.
func fakeNode(t *testing.T, moved bool, failing string) (root string, rewrite func(string) string) {
	t.Helper()
	root = t.TempDir()
	for _, d := range []string{"etc/extensions", "opt/extensions/a", "run", "usr/bin", "usr/lib/systemd"} {
		if err := os.MkdirAll(filepath.Join(root, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	for _, v := range []string{"1", "2"} {
		if err := os.WriteFile(filepath.Join(root, "opt/extensions/a/a-"+v+"-x86-64.raw"), nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Symlink(filepath.Join(root, "opt/extensions/a/a-1-x86-64.raw"), filepath.Join(root, "etc/extensions/a.raw")); err != nil {
		t.Fatal(err)
	}
	log := filepath.Join(root, "log")
	fake := func(p, body string) {
		script := "#!/bin/sh\necho \"$(basename \"$0\") $*\" >>'" + log + "'\n" + body
		if err := os.WriteFile(filepath.Join(root, p), []byte(script), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	fail := ""
	if failing != "" {
		fail = "[ \"$3\" != '" + failing + "' ]\n"
	}
	fake("usr/bin/systemctl", fail)
	move := ""
	if moved {
		move = "ln -sfn '" + filepath.Join(root, "opt/extensions/a/a-2-x86-64.raw") + "' '" + filepath.Join(root, "etc/extensions/a.raw") + "'\n"
	}
	fake("usr/lib/systemd/systemd-sysupdate", move)
	pairs := []string{}
	for _, p := range []string{"/etc/", "/run/", "/usr/bin/systemctl", "/usr/lib/systemd/systemd-sysupdate"} {
		pairs = append(pairs, p, root+p)
	}
	r := strings.NewReplacer(pairs...)
	return root, r.Replace
}

// runDropin runs a drop-in's ExecStartPre= and ExecStartPost= lines in order through the real sh, mkdir, readlink and
// cmp, with the node's paths moved into root, so that a test sees what the service would do.
func runDropin(t *testing.T, dropin string, rewrite func(string) string) string {
	t.Helper()
	var pre, post []string
	for _, l := range strings.Split(dropin, "\n") {
		if v, ok := strings.CutPrefix(l, "ExecStartPre="); ok {
			pre = append(pre, v)
		} else if v, ok := strings.CutPrefix(l, "ExecStartPost="); ok {
			post = append(post, v)
		}
	}
	for _, line := range append(pre, post...) {
		argv := execWords(t, line)
		for i := range argv {
			argv[i] = rewrite(argv[i])
		}
		// Like systemd, stop at the first line that exits non-zero, and name it.
		if out, err := exec.Command(argv[0], argv[1:]...).CombinedOutput(); err != nil {
			t.Logf("%s: %v\n%s", line, err, out)
			return line
		}
	}
	return "" // every line exited 0
}

// TestDropinCommandsRun proves every action's commands exit 0 when nothing changed and do their one job when the link
// moved, so that a broken line fails here before it fails on a node.
func TestDropinCommandsRun(t *testing.T) {
	restart := []string{"x.service", `y\x2dz.service`, "-.mount"}
	for _, action := range []string{"reboot", "refresh", "none"} {
		for _, moved := range []bool{false, true} {
			d := Dropin{Name: "a", Link: "/etc/extensions/a.raw", Action: action}
			if action == "refresh" {
				d.Restart = restart
			}
			// The lines run outside the service's sandbox, with a systemctl that only logs, so this is no proof that
			// the action works on a node: the boot part of the e2e suite is.
			root, rewrite := fakeNode(t, moved, "")
			if failed := runDropin(t, DropinFile(d), rewrite); failed != "" {
				t.Errorf("%s, moved %v: %s exited non-zero", action, moved, failed)
			}
			log, _ := os.ReadFile(filepath.Join(root, "log"))
			want := "systemd-sysupdate -C a update\n"
			if moved && action == "refresh" {
				want += "systemctl reload-or-restart systemd-sysext.service\nsystemctl daemon-reload\nsystemctl restart -- x.service\nsystemctl restart -- y\\x2dz.service\nsystemctl restart -- -.mount\n"
			}
			if string(log) != want {
				t.Errorf("%s, moved %v: the fakes logged\n%s\nwant\n%s", action, moved, log, want)
			}
			_, err := os.Stat(filepath.Join(root, "run/reboot-required"))
			if flagged := err == nil; flagged != (moved && action == "reboot") {
				t.Errorf("%s, moved %v: /run/reboot-required exists: %v", action, moved, flagged)
			}
		}
	}
}

// TestDropinStopsAtAFailedRestart proves that the restarts keep their order and that one failing restart, which
// fails the service, leaves the later units alone, as a chain of && did when all of them shared one line.
func TestDropinStopsAtAFailedRestart(t *testing.T) {
	d := Dropin{Name: "a", Link: "/etc/extensions/a.raw", Action: "refresh", Restart: []string{"x.service", `y\x2dz.service`, "-.mount"}}
	root, rewrite := fakeNode(t, true, `y\x2dz.service`)
	failed := runDropin(t, DropinFile(d), rewrite)
	if !strings.Contains(failed, `restart -- 'y\\x2dz.service'`) {
		t.Errorf("the failing line is %q, want the restart of y\\x2dz.service", failed)
	}
	log, _ := os.ReadFile(filepath.Join(root, "log"))
	want := "systemd-sysupdate -C a update\nsystemctl reload-or-restart systemd-sysext.service\nsystemctl daemon-reload\nsystemctl restart -- x.service\nsystemctl restart -- y\\x2dz.service\n"
	if string(log) != want {
		t.Errorf("the fakes logged\n%s\nwant\n%s", log, want)
	}
}
