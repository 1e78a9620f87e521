package e2e

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestUpdateActions runs, with real systemd-sysupdate and systemd-sysext 254, 257 and 262, the drop-in's commands as
// Ignition wrote them, chrooted in a Flatcar-like root inside the merge harness's namespace: the shell and coreutils
// are the machine's, copied in with their libraries; systemd-sysupdate and systemd-sysext at their absolute paths run
// the build's own and log their calls; systemctl is a logging fake that runs systemd-sysext refresh for the reload of
// systemd-sysext.service, as that unit's ExecReload= does. Each update comes from a local update directory. The lines
// run outside the service's sandbox, so this is no proof that an action works on a node; TestBoot is.
func TestUpdateActions(t *testing.T) {
	inPart(t, "sysext")
	for _, b := range systemdBuilds(t) {
		t.Run("systemd "+b.version, func(t *testing.T) {
			t.Run("refresh with restart merges the new version and restarts in order", func(t *testing.T) {
				updateAction(t, b, &update{Source: "/var/lib/sysext-updates/consul", Restart: []string{"consul.service", `vault\x2dagent.service`}})
			})
			t.Run("none only stages the image", func(t *testing.T) {
				updateAction(t, b, &update{Source: "/var/lib/sysext-updates/consul", Action: "none"})
			})
			t.Run("reboot flags the reboot", func(t *testing.T) {
				updateAction(t, b, &update{Source: "/var/lib/sysext-updates/consul/"})
			})
		})
	}
}

// updateAction merges consul 1.0, drops 1.1 into the update directory, runs the drop-in twice (the second run finds
// nothing new and must change nothing) and checks what each action promises.
func updateAction(t *testing.T, b systemdBuild, u *update) {
	srv := newBlobServer(t)
	s := spec{ButaneVersion: "1.0.0", DisableMethod: "link", Disable: builtins,
		Extensions: []extension{{Name: "consul", Version: "1.0", Update: u}}}
	localizeWith(srv, &s, func(e extension) []byte { return sysextImage(t, e.Name, e.Version, e.Name, "flatcar") })
	root := mustIgnite(t, gen(t, t.TempDir(), s), func(root string) {
		flatcarRoot(t)(root)
		nodeTools(t, b, root)
	})
	next, image := extension{Name: "consul", Version: "1.1"}, sysextImage(t, "consul", "1.1", "consul", "flatcar")
	offer(t, srv, root, s, s.Extensions[0], map[string][]byte{s.image(next): image}, nil)

	script := dropinScript(t, readFile(t, root, "/etc/systemd/system/systemd-sysupdate.service.d/consul.conf"))
	between := []string{"sh", "-c", script + script + `test -e "$R/run/reboot-required" && echo flagged >>"$R/var/log/calls"; true`}
	ses := mergeSession(t, b, root, between, "merge", "between")
	calls := readFile(t, root, "/var/log/calls")
	statuses := readFile(t, root, "/var/log/status")
	if strings.Trim(statuses, "0\n") != "" {
		t.Errorf("a drop-in command exited non-zero; statuses in order:\n%s\ncalls:\n%s\n%s", statuses, calls, ses.log)
	}
	old, newer := marker("consul", "1.0"), marker("consul", "1.1")
	wantMarkers(t, "merge", ses.markers[0], []string{old}, []string{newer}, ses.log)
	wantResolves(t, root, "/etc/extensions/consul.raw", "/opt/extensions/consul/consul-1.1-x86-64.raw", image)

	update := "systemd-sysupdate -C consul update\n"
	want := update
	switch u.action() {
	case "refresh":
		want += "systemctl reload-or-restart systemd-sysext.service\nsystemd-sysext refresh\nsystemctl daemon-reload\n"
		for _, unit := range u.Restart {
			want += "systemctl restart -- " + unit + "\n"
		}
		wantMarkers(t, "after the drop-in", ses.markers[1], []string{newer}, []string{old}, ses.log)
	case "none":
		wantMarkers(t, "after the drop-in", ses.markers[1], []string{old}, []string{newer}, ses.log)
	case "reboot":
		wantMarkers(t, "after the drop-in", ses.markers[1], []string{old}, []string{newer}, ses.log)
	}
	want += update
	if u.action() == "reboot" {
		want += "flagged\n"
	}
	if calls != want {
		t.Errorf("%s: the drop-in called\n%s\nwant\n%s", u.action(), calls, want)
	}
}

// dropinScript turns a drop-in's ExecStartPre= and ExecStartPost= lines, split as systemd splits them, into a script
// for mergeSession's between step that runs each chrooted in $R, in order, recording each exit status.
func dropinScript(t *testing.T, dropin string) string {
	t.Helper()
	var pre, post []string
	for _, l := range strings.Split(dropin, "\n") {
		if v, ok := strings.CutPrefix(l, "ExecStartPre="); ok {
			pre = append(pre, v)
		} else if v, ok := strings.CutPrefix(l, "ExecStartPost="); ok {
			post = append(post, v)
		}
	}
	var script strings.Builder
	for _, line := range append(pre, post...) {
		script.WriteString(`chroot "$R"` + shellQuote(execWords(t, line)) + `; echo $? >>"$R/var/log/status"` + "\n")
	}
	return script.String()
}

// execWords splits an Exec*= value as systemd does for the drop-ins' forms: blanks between words, double quotes
// with C escapes, %% for %; anything else the drop-ins must not use fails the test.
func execWords(t *testing.T, value string) []string {
	t.Helper()
	var words []string
	var w strings.Builder
	in, quoted := false, false
	for i := 0; i < len(value); i++ {
		switch c := value[i]; {
		case c == '%' && i+1 < len(value) && value[i+1] == '%':
			w.WriteByte('%')
			i++
			in = true
		case c == '%':
			t.Fatalf("unescaped specifier in %q", value)
		case quoted && c == '\\' && i+1 < len(value) && strings.IndexByte(`\"'`, value[i+1]) >= 0:
			w.WriteByte(value[i+1])
			i++
		case c == '\\':
			t.Fatalf("unexpected backslash in %q", value)
		case c == '"':
			quoted, in = !quoted, true
		case !quoted && c == ' ':
			if in {
				words = append(words, w.String())
			}
			w.Reset()
			in = false
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

// nodeTools gives root the programs the drop-in calls by absolute path: the machine's sh, mkdir, readlink, cmp and
// touch with the libraries ldd names, wrappers that log and run the build's systemd-sysupdate and systemd-sysext
// (reached under /.host, as mergeSession mounts it), a systemctl that only logs and refreshes for the reload of
// systemd-sysext.service, and the build's systemd-import,
// which sysupdate runs by that fixed path to copy an image from a local source.
func nodeTools(t *testing.T, b systemdBuild, root string) {
	t.Helper()
	for _, tool := range []string{"sh", "mkdir", "readlink", "cmp", "touch", "echo"} {
		p, err := exec.LookPath(tool)
		if err != nil {
			t.Fatal(err)
		}
		copyIn(t, p, filepath.Join(root, "usr/bin", tool))
		out, err := exec.Command("ldd", p).Output()
		if err != nil {
			t.Fatalf("ldd %s: %v", p, err)
		}
		for _, f := range strings.Fields(string(out)) {
			if strings.HasPrefix(f, "/") {
				copyIn(t, f, filepath.Join(root, f))
			}
		}
	}
	wrapper := func(p, log, run string) {
		writeFile(t, root, p, "#!/usr/bin/sh\n/usr/bin/echo \""+log+" $*\" >>/var/log/calls\n"+run)
		if err := os.Chmod(filepath.Join(root, p), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	wrapper("/usr/lib/systemd/systemd-sysupdate", "systemd-sysupdate", "exec"+shellQuote(hosted(b.argv(t, "systemd-sysupdate")))+" \"$@\"\n")
	wrapper("/usr/bin/systemd-sysext", "systemd-sysext", "exec"+shellQuote(hosted(b.argv(t, "systemd-sysext")))+" \"$@\"\n")
	wrapper("/usr/bin/systemctl", "systemctl", "[ \"$*\" != 'reload-or-restart systemd-sysext.service' ] || exec /usr/bin/systemd-sysext refresh\n")
	for _, dir := range []string{"/usr/lib/systemd", "/lib/systemd"} { // Debian's 254 looks in /lib, as Flatcar's /lib link allows
		writeFile(t, root, dir+"/systemd-import", "#!/usr/bin/sh\nexec"+shellQuote(hosted(b.argv(t, "systemd-import")))+" \"$@\"\n")
		if err := os.Chmod(filepath.Join(root, dir, "systemd-import"), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	writeFile(t, root, "/var/log/calls", "")
	writeFile(t, root, "/var/log/status", "")
}

// copyIn copies the file p resolves to, keeping its mode, unless dst is already there.
func copyIn(t *testing.T, p, dst string) {
	t.Helper()
	if _, err := os.Lstat(dst); err == nil {
		return
	}
	if out, err := exec.Command("install", "-D", "-m", "0755", p, dst).CombinedOutput(); err != nil {
		t.Fatalf("install %s: %v\n%s", p, err, out)
	}
}

// TestUpdateTimerOff checks, with each build's own units and systemctl, that the tree Ignition wrote for
// update_timer: false keeps the transfer files and drop-in but leaves the timer off under both of its names, also
// when the timer is enabled the way Flatcar enables it by default, by a wants link shipped in /usr.
func TestUpdateTimerOff(t *testing.T) {
	inPart(t, "sysupdate")
	srv := newBlobServer(t)
	img := fakeImage("docker", "28.0.4")
	srv.put("/extensions/docker-28.0.4-x86-64.raw", img)
	off := false
	s := spec{ButaneVersion: "1.0.0", Arch: "x86-64", BakeryURL: srv.URL + "/extensions", DisableMethod: "link", UpdateTimer: &off,
		Extensions: []extension{{Name: "docker", Version: "28.0.4", Update: &update{}}}}
	config := gen(t, t.TempDir(), s)
	for _, b := range systemdBuilds(t) {
		t.Run("systemd "+b.version, func(t *testing.T) {
			root := mustIgnite(t, config, func(root string) {
				copyUnits(t, b, root)
				timer := realUnit(t, root, "systemd-sysupdate.timer")
				wants := filepath.Join(root, "usr/lib/systemd/system/timers.target.wants")
				if err := os.MkdirAll(wants, 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.Symlink("../"+timer, filepath.Join(wants, timer)); err != nil {
					t.Fatal(err)
				}
			})
			checkTree(t, root, s, map[string][]byte{"docker": img})
			wantTransfer(t, root, "/etc/sysupdate.docker.d/docker", nil)
			writeFile(t, root, "/etc/systemd/system-preset/99-default.preset", "enable *\n")
			r := runCmd(t, b.command(t, 60*time.Second, "systemctl", "--root="+root, "preset-all"))
			if r.err != nil {
				t.Errorf("systemctl preset-all: %v", r.err)
			}
			for _, timer := range []string{"systemd-sysupdate.timer", "systemd-sysupdate-update.timer"} {
				if b.version != "262" && timer == "systemd-sysupdate-update.timer" {
					continue // no such unit before 262; its mask is a harmless dangling name
				}
				out := runCmd(t, b.command(t, 60*time.Second, "systemctl", "--root="+root, "is-enabled", timer)).stdout
				if got := strings.TrimSpace(out); got != "masked" && got != "masked-runtime" {
					t.Errorf("systemctl is-enabled %s says %q, want masked", timer, got)
				}
			}
			for _, timer := range []string{"systemd-sysupdate.timer", "systemd-sysupdate-update.timer"} {
				wantAbsent(t, root, "/etc/systemd/system/timers.target.wants/"+timer)
			}
		})
	}
}

// TestUpdateTimerDisableIsNotOff records why update_timer: false masks the timer: a unit set to enabled: false,
// which Ignition turns into a disabling preset, leaves Flatcar's wants link in /usr in place, so timers.target
// still starts the timer, and the build's systemctl never calls it masked.
func TestUpdateTimerDisableIsNotOff(t *testing.T) {
	inPart(t, "sysupdate")
	dir := t.TempDir()
	writeFile(t, dir, "/timer.bu", "variant: flatcar\nversion: 1.0.0\nsystemd:\n  units:\n    - name: systemd-sysupdate.timer\n      enabled: false\n")
	config := gen(t, dir, spec{ButaneVersion: "1.0.0", DisableMethod: "link", Disable: []string{"torcx-generator"}, Include: []string{"timer.bu"}})
	for _, b := range systemdBuilds(t) {
		t.Run("systemd "+b.version, func(t *testing.T) {
			var wants string
			root := mustIgnite(t, config, func(root string) {
				copyUnits(t, b, root)
				timer := realUnit(t, root, "systemd-sysupdate.timer")
				wants = "/usr/lib/systemd/system/timers.target.wants/" + timer
				if err := os.MkdirAll(filepath.Join(root, filepath.Dir(wants)), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.Symlink("../"+timer, filepath.Join(root, wants)); err != nil {
					t.Fatal(err)
				}
			})
			preset, _ := os.ReadFile(filepath.Join(root, "etc/systemd/system-preset/20-ignition.preset"))
			runCmd(t, b.command(t, 60*time.Second, "systemctl", "--root="+root, "preset-all"))
			state := strings.TrimSpace(runCmd(t, b.command(t, 60*time.Second, "systemctl", "--root="+root, "is-enabled", "systemd-sysupdate.timer")).stdout)
			t.Logf("Ignition's presets: %q; is-enabled after preset-all: %q", preset, state)
			if !exists(root, wants) || state == "masked" {
				t.Errorf("enabled: false now turns the timer off (is-enabled %q, wants link kept: %v); update_timer: false may not need a mask", state, exists(root, wants))
			}
		})
	}
}
