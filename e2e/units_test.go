package e2e

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestSystemdUnits checks, with each build's own unit files and its own
// systemctl and systemd-analyze, that the config Ignition wrote enables the
// timer the build ships and that the drop-in runs in the service that timer
// starts. From 262 on both are aliases of systemd-sysupdate-update.*.
func TestSystemdUnits(t *testing.T) {
	inPart(t, "sysupdate")
	srv := newBlobServer(t)
	srv.put("/extensions/docker-28.0.4-x86-64.raw", fakeImage("docker", "28.0.4"))
	s := spec{ButaneVersion: "1.0.0", Arch: "x86-64", BakeryURL: srv.URL + "/extensions", DisableMethod: "link",
		Extensions: []extension{{Name: "docker", Version: "28.0.4", Update: &update{}}}}
	config := gen(t, t.TempDir(), s)
	for _, b := range systemdBuilds(t) {
		t.Run("systemd "+b.version, func(t *testing.T) {
			root := mustIgnite(t, config, func(root string) { copyUnits(t, b, root) })
			timer := realUnit(t, root, "systemd-sysupdate.timer")
			service := strings.TrimSuffix(timer, ".timer") + ".service"
			if b.version == "262" && timer != "systemd-sysupdate-update.timer" {
				t.Errorf("262's systemd-sysupdate.timer is %s, not an alias of systemd-sysupdate-update.timer", timer)
			}

			// Flatcar turns every other unit off by preset; first boot runs preset-all.
			writeFile(t, root, "/etc/systemd/system-preset/99-default.preset", "disable *\n")
			r := runCmd(t, b.command(t, 60*time.Second, "systemctl", "--root="+root, "preset-all"))
			if r.err != nil {
				t.Errorf("systemctl preset-all: %v", r.err)
			}
			if _, err := os.Lstat(filepath.Join(root, "etc/systemd/system/timers.target.wants", timer)); err != nil {
				t.Errorf("the presets Ignition wrote do not enable %s: %v\n%s", timer, err, r.combined())
			}

			// verify loads the unit with its drop-ins; the commands only our
			// drop-in runs are missing from this root, so verify names them.
			r = runCmd(t, b.command(t, 60*time.Second, "systemd-analyze", "--root="+root, "verify", "--man=no", service))
			for _, cmd := range []string{"/usr/bin/mkdir", "/usr/bin/sh"} {
				if want := service + ": Command " + cmd + " is not executable"; !strings.Contains(r.combined(), want) {
					t.Errorf("%s does not run the drop-in's %s; systemd-analyze verify printed:\n%s", service, cmd, r.combined())
				}
			}
			for _, l := range strings.Split(r.combined(), "\n") {
				if strings.Contains(l, ".service.d/") {
					t.Errorf("systemd-analyze verify complains about a drop-in: %s", l)
				}
			}
		})
	}
}

// TestSystemdAliasPreset records why the config enables the timer under both
// names: on 262 a preset naming only the alias enables nothing.
func TestSystemdAliasPreset(t *testing.T) {
	inPart(t, "sysupdate")
	for _, b := range systemdBuilds(t) {
		if b.version != "262" {
			continue
		}
		root := t.TempDir()
		copyUnits(t, b, root)
		writeFile(t, root, "/etc/systemd/system-preset/20-ignition.preset", "enable systemd-sysupdate.timer\n")
		writeFile(t, root, "/etc/systemd/system-preset/99-default.preset", "disable *\n")
		runCmd(t, b.command(t, 60*time.Second, "systemctl", "--root="+root, "preset-all"))
		if _, err := os.Lstat(filepath.Join(root, "etc/systemd/system/timers.target.wants/systemd-sysupdate-update.timer")); err == nil {
			t.Errorf("262 now enables systemd-sysupdate-update.timer from a preset for its alias; the second timer name may be dropped")
		}
	}
}

// copyUnits puts the build's unit files where the node keeps them, and an
// empty systemd-sysupdate so that verify finds the stock units' commands.
func copyUnits(t *testing.T, b systemdBuild, root string) {
	t.Helper()
	for _, dir := range []string{"usr/lib/systemd/system", "lib/systemd/system"} {
		if _, err := os.Stat(filepath.Join(b.root, dir)); err != nil {
			continue
		}
		dst := filepath.Join(root, "usr/lib/systemd/system")
		if err := os.MkdirAll(dst, 0o755); err != nil {
			t.Fatal(err)
		}
		if out, err := exec.Command("cp", "-a", filepath.Join(b.root, dir)+"/.", dst).CombinedOutput(); err != nil {
			t.Fatalf("copying unit files: %v\n%s", err, out)
		}
		writeFile(t, root, "/usr/lib/systemd/systemd-sysupdate", "")
		if err := os.Chmod(filepath.Join(root, "usr/lib/systemd/systemd-sysupdate"), 0o755); err != nil {
			t.Fatal(err)
		}
		return
	}
	t.Fatalf("systemd %s has no unit files under %s", b.version, b.root)
}

// realUnit follows name's alias links in the root's unit folder to the file.
func realUnit(t *testing.T, root, name string) string {
	t.Helper()
	for hops := 0; hops < 10; hops++ {
		target, err := os.Readlink(filepath.Join(root, "usr/lib/systemd/system", name))
		if err != nil {
			return name
		}
		name = filepath.Base(target)
	}
	t.Fatalf("%s: too many aliases", name)
	return ""
}

// writeFile creates p inside root with its parent folders.
func writeFile(t *testing.T, root, p, content string) {
	t.Helper()
	full := filepath.Join(root, p)
	if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(full, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}
