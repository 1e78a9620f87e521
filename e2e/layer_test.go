package e2e

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// flatcarLayer makes the Debian base look to systemd-sysext, systemd-sysupdate and presets as a Flatcar node does on
// its first boot: Flatcar's os-release; the built-in images in /usr/share/flatcar/sysext, enabled by links in
// /usr/share/flatcar/etc/extensions, which the node's /etc overlay shows (see nodeScript); systemd-sysext.service
// wanted statically by sysinit.target; upstream's "disable *" default preset, which Debian leaves out, so that an
// enabled timer is Ignition's preset's doing; and an uninitialized machine-id, so that the boot is a first boot
// (an empty file is not). The 257 node stands for Flatcar Stable, so it also has Stable's ensure-sysext.service,
// which 4628.0.0 and later dropped when they began to merge in the initrd. The layer also keeps the Debian base
// quiet: no getty, network or time daemons, no apt timers.
func flatcarLayer(t *testing.T, b systemdBuild, root string) {
	t.Helper()
	writeFile(t, root, "/usr/lib/os-release", fmt.Sprintf("NAME=\"Flatcar Container Linux by Kinvolk\"\nID=flatcar\n"+
		"ID_LIKE=coreos\nVERSION_ID=0.0.0\nBUILD_ID=sysext-ign-e2e-debian-systemd-%s\nSYSEXT_LEVEL=1.0\n", b.version))
	for _, n := range builtins {
		img := "/usr/share/flatcar/sysext/" + n + ".raw"
		writeFile(t, root, img, string(sysextImage(t, n, "builtin", n, "flatcar")))
		symlink(t, root, "/usr/share/flatcar/etc/extensions/"+n+".raw", img)
	}
	symlink(t, root, "/usr/lib/systemd/system/sysinit.target.wants/systemd-sysext.service", "../systemd-sysext.service")
	if b.version == "257" {
		writeFile(t, root, "/usr/lib/systemd/system/ensure-sysext.service", ensureSysext)
		symlink(t, root, "/usr/lib/systemd/system/sysinit.target.wants/ensure-sysext.service", "../ensure-sysext.service")
	}
	writeFile(t, root, "/usr/lib/systemd/system-preset/99-default.preset", "disable *\n")
	writeFile(t, root, "/etc/machine-id", "uninitialized\n")
	for _, u := range []string{"systemd-firstboot.service", "console-getty.service", "getty@tty1.service",
		"systemd-networkd.service", "systemd-networkd.socket", "systemd-resolved.service", "systemd-timesyncd.service",
		"apt-daily.timer", "apt-daily-upgrade.timer", "dpkg-db-backup.timer", "fstrim.timer"} {
		symlink(t, root, "/etc/systemd/system/"+u, "/dev/null")
	}
}

// ensureSysext is Flatcar's ensure-sysext.service (flatcar/init): once systemd-sysext.service merged, it reloads
// systemd and restarts the targets, so that units the extensions ship and enable start at boot.
const ensureSysext = `[Unit]
BindsTo=systemd-sysext.service
After=systemd-sysext.service
DefaultDependencies=no
ConditionDirectoryNotEmpty=|/etc/extensions
ConditionDirectoryNotEmpty=|/run/extensions
ConditionDirectoryNotEmpty=|/var/lib/extensions
ConditionDirectoryNotEmpty=|/usr/local/lib/extensions
ConditionDirectoryNotEmpty=|/usr/lib/extensions
[Service]
Type=oneshot
RemainAfterExit=yes
ExecStart=/usr/bin/systemctl daemon-reload
ExecStart=/usr/bin/systemctl restart --no-block sockets.target timers.target multi-user.target
[Install]
WantedBy=sysinit.target
`

// harnessLayer adds what only the test needs, none of it on a real node: the probe and its two units; drop-ins that
// clear the sysupdate units' ConditionVirtualization=!container, without which neither would run in nspawn, order
// the service after the probe's boot report, and make the timer fire one second after boot instead of after 15
// minutes; and the loop device nodes that udev would make.
func harnessLayer(t *testing.T, root string) {
	t.Helper()
	probe, err := os.ReadFile("testdata/boot/probe")
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, root, "/usr/lib/sysext-ign-e2e/probe", string(probe))
	if err := os.Chmod(filepath.Join(root, "usr/lib/sysext-ign-e2e/probe"), 0o755); err != nil {
		t.Fatal(err)
	}
	units := "/usr/lib/systemd/system/"
	writeFile(t, root, units+"sysext-ign-e2e-boot.service", "[Unit]\nDescription=sysext-ign e2e boot report\n"+
		"[Service]\nType=oneshot\nRemainAfterExit=yes\nTimeoutStartSec=120\nExecStart=/usr/lib/sysext-ign-e2e/probe boot\n")
	// After=systemd-sysupdate.service only keeps a reference: without one, a service that ran and went inactive is
	// garbage-collected with its Result and InvocationID.
	writeFile(t, root, units+"sysext-ign-e2e-probe.service", "[Unit]\nDescription=sysext-ign e2e probe\n"+
		"After=multi-user.target systemd-sysupdate.service\n"+
		"[Service]\nType=exec\nTimeoutStartSec=infinity\nExecStart=/usr/lib/sysext-ign-e2e/probe runs\n")
	for _, u := range []string{"sysext-ign-e2e-boot.service", "sysext-ign-e2e-probe.service"} {
		symlink(t, root, units+"multi-user.target.wants/"+u, "../"+u)
	}
	// An empty ConditionVirtualization= resets the unit's conditions. 00- sorts before Ignition's drop-ins.
	writeFile(t, root, units+"systemd-sysupdate.service.d/00-sysext-ign-e2e.conf",
		"[Unit]\nConditionVirtualization=\nAfter=sysext-ign-e2e-boot.service\n")
	writeFile(t, root, units+"systemd-sysupdate.timer.d/00-sysext-ign-e2e.conf", "[Unit]\nConditionVirtualization=\n"+
		"[Timer]\nOnBootSec=\nOnUnitActiveSec=\nOnCalendar=\nOnBootSec=1s\nRandomizedDelaySec=0\nAccuracySec=1s\nPersistent=false\n")
	var loops strings.Builder
	for i := 0; i < 256; i++ {
		fmt.Fprintf(&loops, "b /dev/loop%d 0660 root disk - 7:%d\n", i, i)
	}
	writeFile(t, root, "/usr/lib/tmpfiles.d/sysext-ign-e2e-loop.conf", loops.String())
}

// symlink makes p inside root a link to target, replacing what is there.
func symlink(t *testing.T, root, p, target string) {
	t.Helper()
	full := filepath.Join(root, p)
	if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.RemoveAll(full); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(target, full); err != nil {
		t.Fatal(err)
	}
}

// seedNode gives the tree Ignition writes the base's accounts and Flatcar's core user, so that the files stage
// modifies core in place and laying its tree over the base keeps the base's users.
func seedNode(t *testing.T, b systemdBuild) func(root string) {
	return func(root string) {
		for name, line := range map[string]string{
			"passwd":  "core:x:500:500:Flatcar Admin:/home/core:/bin/bash",
			"group":   "core:x:500:",
			"shadow":  "core:*:1::::::",
			"gshadow": "core:*::",
		} {
			base, err := os.ReadFile(filepath.Join(b.root, "etc", name))
			if err != nil {
				t.Fatal(err)
			}
			writeFile(t, root, "/etc/"+name, string(base)+line+"\n")
			if err := os.Chmod(filepath.Join(root, "etc", name), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		if err := os.MkdirAll(filepath.Join(root, "home/core"), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.Chown(filepath.Join(root, "home/core"), 500, 500); err != nil {
			t.Fatal(err)
		}
	}
}

// bootImage is sysextImage's image plus, for each unit, a unit file and the program it runs, which logs the
// extension's name and version and the version its unit file passed, so a unit's log shows which image its program
// and its unit file came from. enabled units are also wanted by multi-user.target from inside the image.
func bootImage(t *testing.T, name, version string, units, enabled []string) []byte {
	t.Helper()
	src := t.TempDir()
	writeFile(t, src, "/usr/bin/"+marker(name, version), name+" "+version+"\n")
	writeFile(t, src, "/usr/lib/extension-release.d/extension-release."+name, "ID=flatcar\nSYSEXT_LEVEL=1.0\n")
	run := "/usr/lib/sysext-ign-e2e/" + name + "/run"
	writeFile(t, src, run, "#!/bin/sh\necho \""+name+" "+version+" runs, from unit file $1\"\nexec sleep infinity\n")
	if err := os.Chmod(filepath.Join(src, run), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, u := range append(units, enabled...) {
		writeFile(t, src, "/usr/lib/systemd/system/"+u, "[Unit]\nDescription=sysext-ign e2e unit from "+name+"\n"+
			"[Service]\nExecStart="+run+" "+version+"\n")
	}
	for _, u := range enabled {
		symlink(t, src, "/usr/lib/systemd/system/multi-user.target.wants/"+u, "../"+u)
	}
	return squash(t, src)
}
