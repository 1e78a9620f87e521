package e2e

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestBoot boots, with systemd 257 and 262 as PID 1, the root real Ignition wrote from every fixture with updates
// and from the suite's own specs, serves or drops in a newer image of each extension that updates, and checks what
// the node shows at boot, after the timer's run and after a second run. The two versions boot side by side, one
// node each at a time.
func TestBoot(t *testing.T) {
	inPart(t, "boot")
	sweepStaleNodes(t)
	for _, b := range bootBases(t) {
		t.Run("systemd "+b.version, func(t *testing.T) {
			t.Parallel()
			t.Run("fixtures", func(t *testing.T) {
				for _, f := range updateFixtures(t) {
					t.Run(f.name, func(t *testing.T) { bootSpec(t, b, f.spec, f.dir) })
				}
			})
			for _, c := range bootSpecs() {
				t.Run(c.name, func(t *testing.T) { bootSpec(t, b, c.spec, "") })
			}
			t.Run("a preset naming one timer name", func(t *testing.T) { bootOneTimerName(t, b) })
			t.Run("signed, then unsigned", func(t *testing.T) { bootSigned(t, b) })
			t.Run("merged in the initrd, then refreshed", func(t *testing.T) { bootInitrd(t, b) })
		})
	}
}

// bootCase is one of the suite's own specs.
type bootCase struct {
	name string
	spec spec
}

// bootSpecs are the suite's own specs: the merge part's, and one per update action from local folders, with a unit
// name that needs escaping among the restarts.
func bootSpecs() []bootCase {
	out := []bootCase{
		{"refresh with restarts in order, from a local folder", spec{ButaneVersion: "1.0.0", DisableMethod: "link", Disable: builtins,
			Extensions: []extension{{Name: "consul", Version: "1.0", Update: &update{Source: "/var/lib/sysext-updates/consul",
				Restart: []string{"consul.service", `vault\x2dagent.service`}}}}}},
		{"reboot and none from local folders", spec{ButaneVersion: "1.0.0", DisableMethod: "link", Disable: builtins,
			Extensions: []extension{{Name: "docker", Version: "28.0.4", Update: &update{Source: "/var/lib/sysext-updates/docker/"}},
				{Name: "nomad", Version: "1.9.3", Update: &update{Source: "/var/lib/sysext-updates/nomad", Action: "none"}}}}},
	}
	for _, c := range sysextSpecs() {
		out = append(out, bootCase{c.name, c.spec})
	}
	return out
}

// applyForBoot applies s (a fixture's, with its companion files in dir, or the suite's own) with real
// images, whose restart units log which image they run from, and offers a newer image of each extension that updates.
// It returns the spec as applied, with its URLs on the loopback mirror, and the tree Ignition wrote.
func applyForBoot(t *testing.T, b systemdBuild, s spec, dir string) (spec, string) {
	t.Helper()
	srv := newBlobServer(t)
	localizeWith(srv, &s, func(e extension) []byte { return bootImage(t, e.Name, e.Version, restarts(e), nil) })
	work := t.TempDir()
	if dir != "" {
		copyCompanions(t, dir, work)
	}
	key := fixtureSigner(t, s, work)
	ign := mustIgnite(t, gen(t, work, s), seedNode(t, b))
	for _, e := range s.Extensions {
		if e.Update != nil {
			next := newer(e)
			offer(t, srv, ign, s, e, map[string][]byte{s.image(next): bootImage(t, next.Name, next.Version, restarts(e), nil)}, key)
		}
	}
	return s, ign
}

// bootSpec boots what applyForBoot wrote, lets the timer's run and a second run happen, and checks each.
func bootSpec(t *testing.T, b systemdBuild, s spec, dir string) {
	s, ign := applyForBoot(t, b, s, dir)
	units := allRestarts(s)
	n := bootNode(t, b, ign, plan{start: units, units: units, runs: true}, "")
	boot := n.wait("boot")
	checkBoot(t, s, boot)
	run1 := n.wait("run1")
	checkRun(t, s, boot, boot, run1, true)
	checkRun(t, s, boot, run1, n.next(2), false)
	n.finish()
}

// staged tells whether some update of s waits for a reboot, action reboot or none, for which the config masks
// 262's notify socket.
func staged(s spec) bool {
	for _, e := range s.Extensions {
		if e.Update != nil && e.Update.action() != "refresh" {
			return true
		}
	}
	return false
}

// newer is the next version of e that the tests offer.
func newer(e extension) extension {
	e.Version += ".1"
	return e
}

// restarts are the units e's update restarts, which its images ship.
func restarts(e extension) []string {
	if e.Update == nil {
		return nil
	}
	return e.Update.Restart
}

// allRestarts are the units every update of s restarts.
func allRestarts(s spec) []string {
	var out []string
	for _, e := range s.Extensions {
		out = append(out, restarts(e)...)
	}
	return out
}

// verdict collects what is wrong with one stage, so that it is reported once, with what the node showed.
type verdict struct {
	r        report
	problems []string
}

func (v *verdict) errorf(format string, args ...any) {
	v.problems = append(v.problems, fmt.Sprintf(format, args...))
}

// report fails the test with every problem and the stage's report.
func (v *verdict) report(t *testing.T) {
	t.Helper()
	if len(v.problems) > 0 {
		t.Errorf("%s:\n- %s%s", v.r.stage, strings.Join(v.problems, "\n- "), v.r.explain())
	}
}

// merged checks that every wanted marker is merged into /usr and none of unwanted.
func (v *verdict) merged(want, unwanted []string) {
	got := v.r.markers()
	for _, m := range want {
		if !slices.Contains(got, m) {
			v.errorf("%s is not merged", m)
		}
	}
	for _, m := range unwanted {
		if slices.Contains(got, m) {
			v.errorf("%s is merged, but should not be", m)
		}
	}
}

// running checks that unit u is active and that its last start ran the program and the unit file from e's image.
func (v *verdict) running(u string, e extension) {
	s := v.r.units[u]
	want := e.Name + " " + e.Version + " runs, from unit file " + e.Version
	if s.state != "active/success" || len(s.log) == 0 || s.log[len(s.log)-1] != want {
		v.errorf("%s is %q and logged %q, want it active and its last line %q", u, s.state, s.log, want)
	}
}

// timer checks the timer's state after the first boot.
func (v *verdict) timer(enabled, active string) {
	if v.r.env["timer.enabled"] != enabled || v.r.env["timer.active"] != active {
		v.errorf("the timer %s is %s and %s, want %s and %s", v.r.env["timer"], v.r.env["timer.enabled"], v.r.env["timer.active"], enabled, active)
	}
}

// checkBoot checks the boot stage: systemd-sysext.service merged every wanted extension and no disabled built-in,
// the timer is on or masked as the spec says, and each unit an update restarts runs from its first image.
func checkBoot(t *testing.T, s spec, r report) {
	t.Helper()
	v := verdict{r: r}
	defer v.report(t)
	if got := r.env["sysext.service"]; got != "active/success" {
		v.errorf("systemd-sysext.service is %s, want active/success", got)
	}
	var want, unwanted []string
	for _, e := range s.Extensions {
		want = append(want, marker(e.Name, e.Version))
	}
	for _, n := range builtins {
		if builtinMerged(s, n) {
			want = append(want, marker(n, "builtin"))
		} else {
			unwanted = append(unwanted, marker(n, "builtin"))
		}
	}
	v.merged(want, unwanted)
	if masked := r.env["notify-sysext.enabled"] == "masked"; masked != staged(s) || masked && r.env["notify-sysext"] == "active" {
		v.errorf("systemd-sysupdate-notify-sysext.socket is %s and %s, want it masked exactly when an update waits for a reboot (%v)",
			r.env["notify-sysext.enabled"], r.env["notify-sysext"], staged(s))
	}
	if timerOff(s) {
		v.timer("masked", "inactive")
	} else {
		v.timer("enabled", "active")
	}
	for _, e := range s.Extensions {
		for _, u := range restarts(e) {
			v.running(u, e)
		}
	}
}

// checkRun checks a run of the service after before: it succeeded with each extension's drop-in loaded, and, when an
// update was offered (first), each link moved to the newer image and the spec's actions happened, refresh with its
// restarts in order, the reboot flag or nothing; otherwise nothing changed, nothing restarted and nothing was
// flagged. Where 262's notify socket is active (boot tells), every install refreshes, whatever the action.
func checkRun(t *testing.T, s spec, boot, before, r report, first bool) {
	t.Helper()
	v := verdict{r: r}
	defer v.report(t)
	wantTrigger := "probe"
	if first && !timerOff(s) {
		wantTrigger = "timer"
	}
	if r.env["trigger"] != wantTrigger || r.env["service.result"] != "inactive/success" {
		v.errorf("the service was started by %q and ended %s, want started by %s and inactive/success",
			r.env["trigger"], r.env["service.result"], wantTrigger)
	}
	refresh, reboot := false, false
	var want, unwanted []string
	for _, e := range s.Extensions {
		if e.Update == nil {
			want = append(want, marker(e.Name, e.Version))
			continue
		}
		dropin := "/etc/systemd/system/systemd-sysupdate.service.d/" + e.Name + ".conf"
		if !strings.Contains(r.env["service.dropins"], dropin) {
			v.errorf("the service did not load %s", dropin)
		}
		if got, want := r.link(e.Name), "/opt/extensions/"+e.Name+"/"+s.image(newer(e)); got != want {
			v.errorf("/etc/extensions/%s.raw ends at %s, want %s", e.Name, got, want)
		}
		refresh = refresh || e.Update.action() == "refresh"
		reboot = reboot || e.Update.action() == "reboot"
	}
	live := refresh || boot.env["notify-sysext"] == "active"
	for _, e := range s.Extensions {
		if e.Update == nil {
			continue
		}
		old, next := marker(e.Name, e.Version), marker(e.Name, newer(e).Version)
		if live {
			want, unwanted = append(want, next), append(unwanted, old)
		} else {
			want, unwanted = append(want, old), append(unwanted, next)
		}
	}
	v.merged(want, unwanted)
	if flagged := r.env["reboot-required"] == "yes"; flagged != (first && reboot) {
		v.errorf("/run/reboot-required exists: %v, want %v", flagged, first && reboot)
	}
	if first && refresh && (!strings.Contains(r.journal, "Reloading systemd-sysext.service") || strings.Contains(r.journal, "Stopping systemd-sysext.service")) {
		v.errorf("systemd-sysext.service was not refreshed by a reload")
	}
	for _, e := range s.Extensions {
		var last int64
		for _, u := range restarts(e) {
			if restarted := r.units[u].invocation != before.units[u].invocation; restarted != first {
				v.errorf("%s restarted: %v, want %v", u, restarted, first)
			}
			if first && r.units[u].started <= last {
				v.errorf("%s restarted before the unit listed ahead of it", u)
			}
			last = r.units[u].started
			v.running(u, newer(e))
		}
	}
}

// bootOneTimerName boots a config whose preset names only the timer name this systemd does not ship as the unit
// itself (262's alias systemd-sysupdate.timer, or the systemd-sysupdate-update.timer 257 does not know), and expects
// the timer to stay off: the reason the config names both.
func bootOneTimerName(t *testing.T, b systemdBuild) {
	drop := "systemd-sysupdate.timer"
	if b.version == "262" {
		drop = "systemd-sysupdate-update.timer"
	}
	s := spec{ButaneVersion: "1.0.0", DisableMethod: "link", Disable: builtins,
		Extensions: []extension{{Name: "tool", Version: "1.0", Update: &update{Source: "/var/lib/sysext-updates/tool"}}}}
	srv := newBlobServer(t)
	localizeWith(srv, &s, func(e extension) []byte { return bootImage(t, e.Name, e.Version, nil, nil) })
	config := withoutUnit(t, gen(t, t.TempDir(), s), drop)
	ign := mustIgnite(t, config, seedNode(t, b))
	n := bootNode(t, b, ign, plan{}, "")
	r := n.wait("boot")
	v := verdict{r: r}
	v.timer("disabled", "inactive")
	v.report(t)
	n.wait("end")
}

// withoutUnit drops the unit named name from an Ignition config.
func withoutUnit(t *testing.T, config []byte, name string) []byte {
	t.Helper()
	var cfg map[string]any
	if err := json.Unmarshal(config, &cfg); err != nil {
		t.Fatal(err)
	}
	systemd, _ := cfg["systemd"].(map[string]any)
	units, _ := systemd["units"].([]any)
	kept := slices.DeleteFunc(slices.Clone(units), func(u any) bool { return u.(map[string]any)["name"] == name })
	if len(kept) != len(units)-1 {
		t.Fatalf("the config has no unit %s to drop:\n%s", name, config)
	}
	systemd["units"] = kept
	out, err := json.Marshal(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// bootSigned boots a spec that verifies its list: the timer's run updates from a list signed by the update_keyring
// key; then the mirror serves a newer image with no signature, and the next run must refuse it, fail, and say why.
func bootSigned(t *testing.T, b systemdBuild) {
	key := newGPGSigner(t, "mirror")
	srv := newBlobServer(t)
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "keys.asc"), key.armored(t), 0o644); err != nil {
		t.Fatal(err)
	}
	e := extension{Name: "mytool", Version: "1.4.0", Update: &update{Source: srv.URL + "/updates/mytool/", Verify: true}}
	s := spec{ButaneVersion: "1.0.0", DisableMethod: "link", Disable: builtins, UpdateKeyring: "keys.asc", Extensions: []extension{e}}
	s.Extensions[0].Source = srv.put("/sources/mytool-1.4.0-x86-64.raw", bootImage(t, e.Name, e.Version, nil, nil))
	next := newer(e)
	publishSigned(t, srv, "/updates/mytool/", map[string][]byte{s.image(next): bootImage(t, e.Name, next.Version, nil, nil)}, key)
	ign := mustIgnite(t, gen(t, dir, s), seedNode(t, b))

	n := bootNode(t, b, ign, plan{runs: true}, "")
	boot := n.wait("boot")
	checkBoot(t, s, boot)
	checkRun(t, s, boot, boot, n.wait("run1"), true)

	unsigned := newer(next)
	publish(srv, "/updates/mytool/", map[string][]byte{s.image(unsigned): bootImage(t, e.Name, unsigned.Version, nil, nil)})
	srv.drop("/updates/mytool/SHA256SUMS.gpg")
	r := n.next(2)
	v := verdict{r: r}
	if r.env["service.result"] != "failed/exit-code" {
		v.errorf("the service ended %s after a list without signature, want failed/exit-code", r.env["service.result"])
	}
	if got, want := r.link(e.Name), "/opt/extensions/mytool/"+s.image(next); got != want {
		v.errorf("/etc/extensions/mytool.raw ends at %s, want it left at %s", got, want)
	}
	if !strings.Contains(r.journal, "Failed to retrieve signature file, cannot verify") {
		v.errorf("the service's journal does not say that the signature is missing")
	}
	v.report(t)
	n.finish()
}

// initrdMerge is a nodeScript step that merges as Flatcar 4628.0.0 and later do in the initrd, before the root's own
// systemd starts: the root's systemd-sysext, run from outside the root with --root, while the root's /dev is still the
// empty folder it is before switch-root. It writes what sysext printed and the markers the merge put into /usr/bin.
func initrdMerge(t *testing.T, b systemdBuild) string {
	return `mount -t tmpfs -o mode=0755 initrd-dev "$R/dev"
` + strings.TrimPrefix(shellQuote(b.argv(t, "systemd-sysext", "--no-pager")), " ") + ` --root="$R" merge >"$OUT/initrd.log" 2>&1 ||
	echo "exit status $?" >>"$OUT/initrd.log"
ls "$R/usr/bin" | grep -e '-marker$' >"$OUT/initrd.markers" || true
umount "$R/dev"
`
}

// bootInitrd merges an extension whose image ships and enables app.service with systemd-sysext --root before the
// node boots, as the initrd of Flatcar 4628.0.0 and later does. 262 must merge our layout that way: the link into
// /opt/extensions, and not the built-ins behind /dev/null links; 257, whose --root ignores links, must merge none of
// it. Either way app.service runs at boot: on 262 because the merge came before PID 1, on 257 (Stable) by
// ensure-sysext.service. A live refresh then merges the newer image, but leaves the running app.service on the old
// one, and starting it anew runs the new one.
func bootInitrd(t *testing.T, b systemdBuild) {
	e := extension{Name: "app", Version: "1.0", Update: &update{Source: "/var/lib/sysext-updates/app", Action: "refresh"}}
	s := spec{ButaneVersion: "1.0.0", DisableMethod: "link", Disable: builtins, Extensions: []extension{e}}
	app := []string{"app.service"}
	srv := newBlobServer(t)
	localizeWith(srv, &s, func(e extension) []byte { return bootImage(t, e.Name, e.Version, nil, app) })
	ign := mustIgnite(t, gen(t, t.TempDir(), s), seedNode(t, b))
	next := newer(e)
	offer(t, srv, ign, s, e, map[string][]byte{s.image(next): bootImage(t, e.Name, next.Version, nil, app)}, nil)
	n := bootNode(t, b, ign, plan{units: app, runs: true, restartAtEnd: app}, initrdMerge(t, b))

	boot := n.wait("boot")
	initrd := strings.Fields(readFile(t, n.dir, "out/initrd.markers"))
	var want []string
	if b.version != "257" {
		want = []string{marker(e.Name, e.Version)}
	}
	if !slices.Equal(initrd, want) {
		t.Errorf("systemd-sysext %s --root merged the markers %q, want %q; it printed:\n%s", b.version, initrd, want,
			readFile(t, n.dir, "out/initrd.log"))
	}
	checkBoot(t, s, boot)
	v := verdict{r: boot}
	v.running("app.service", e)
	v.report(t)

	run1 := n.wait("run1")
	checkRun(t, s, boot, boot, run1, true)
	v = verdict{r: run1}
	if run1.units["app.service"].invocation != boot.units["app.service"].invocation {
		v.errorf("app.service restarted with the refresh, though it is not in restart")
	}
	v.running("app.service", e)
	v.report(t)

	end := n.finish()
	v = verdict{r: end}
	if end.env["restart.app.service"] != "0" {
		v.errorf("systemctl restart app.service after the refresh exited %s", end.env["restart.app.service"])
	}
	v.running("app.service", next)
	v.report(t)
}
