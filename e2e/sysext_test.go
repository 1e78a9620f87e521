package e2e

import (
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// builtins are the extensions a stock Flatcar enables from its /usr.
var builtins = []string{"docker-flatcar", "containerd-flatcar"}

// sysextImage builds a real squashfs image holding the marker file
// usr/bin/NAME-VERSION-marker and an extension-release file named release
// with osID as its ID, so a merge shows exactly which image it took.
func sysextImage(t *testing.T, name, version, release, osID string) []byte {
	t.Helper()
	src := t.TempDir()
	writeFile(t, src, "/usr/bin/"+marker(name, version), name+" "+version+"\n")
	writeFile(t, src, "/usr/lib/extension-release.d/extension-release."+release, "ID="+osID+"\nSYSEXT_LEVEL=1.0\n")
	return squash(t, src)
}

// squash is a squashfs image of the folder src, owned by root.
func squash(t *testing.T, src string) []byte {
	t.Helper()
	out := filepath.Join(t.TempDir(), "image.raw")
	if b, err := exec.Command("mksquashfs", src, out, "-quiet", "-noappend", "-all-root").CombinedOutput(); err != nil {
		t.Fatalf("mksquashfs: %v\n%s", err, b)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// marker is the file an image for name and version adds to /usr/bin.
func marker(name, version string) string {
	if version == "" {
		version = "0"
	}
	return name + "-" + version + "-marker"
}

// flatcarRoot prepares root the way a stock Flatcar's first boot finds it:
// os-release, the built-in images in /usr/share/flatcar/sysext, and their
// enabling links in /usr/share/flatcar/etc/extensions, which Flatcar shows
// in /etc through an overlay mount (lowerdir /usr/share/flatcar/etc) rather
// than with tmpfiles; mergeSession mounts that overlay.
func flatcarRoot(t *testing.T) func(root string) {
	return func(root string) {
		seedFlatcar(t)(root)
		if err := os.RemoveAll(filepath.Join(root, "etc/extensions")); err != nil {
			t.Fatal(err)
		}
		writeFile(t, root, "/usr/lib/os-release", "ID=flatcar\nVERSION_ID=4593.1.0\nSYSEXT_LEVEL=1.0\n")
		writeFile(t, root, "/usr/bin/"+marker("base", "os"), "base\n")
		for _, n := range builtins {
			img := "/usr/share/flatcar/sysext/" + n + ".raw"
			writeFile(t, root, img, string(sysextImage(t, n, "builtin", n, "flatcar")))
			link := filepath.Join(root, "usr/share/flatcar/etc/extensions", n+".raw")
			if err := os.MkdirAll(filepath.Dir(link), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.Symlink(img, link); err != nil {
				t.Fatal(err)
			}
		}
		for _, d := range []string{"run", "dev", "proc", "sys", "tmp", ".host", ".etc-work"} {
			if err := os.MkdirAll(filepath.Join(root, d), 0o755); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// sessionPrelude sets up a private mount namespace in which $R is "/" for
// systemd-sysext run under chroot: --root ignores symlinked images, and our
// layout is made of them. /etc becomes Flatcar's overlay, the host's / is
// reachable read-only at /.host for the binaries, and every mount ends with
// the namespace.
const sessionPrelude = `
mount --bind "$R" "$R"; mount --make-shared "$R"
mount -t overlay overlay -o "lowerdir=$R/usr/share/flatcar/etc,upperdir=$R/etc,workdir=$R/.etc-work" "$R/etc"
mount -t tmpfs -o mode=755 tmpfs "$R/run"
mount --bind /dev "$R/dev"
mount -t proc proc "$R/proc"
mount --bind /sys "$R/sys"; mount -o remount,bind,ro "$R/sys"
mount --bind / "$R/.host"; mount -o remount,bind,ro "$R/.host"
if [ "$(stat -c %m "$SD")" != / ]; then mount --bind "$SD" "$R/.host$SD"; fi
sx() { chroot "$R" "$@"; }
markers() { ls -1 "$R/usr/bin" | grep -e '-marker$' | sort || true; }
`

// session is what one mergeSession saw: the markers in /usr/bin after each
// step and everything systemd-sysext printed.
type session struct {
	markers [][]string
	log     string
}

// mergeSession runs steps in a fresh namespace over root with build's
// systemd-sysext; a step is "merge", "refresh", "unmerge", "list" or
// "between", which runs the command line between in the namespace, outside
// the chroot. Exit codes are logged, not trusted: 252 returned 0 for a
// failed merge.
func mergeSession(t *testing.T, b systemdBuild, root string, between []string, steps ...string) session {
	t.Helper()
	if strings.ContainsAny(root, ",:") {
		t.Fatalf("%s: overlayfs options cannot hold a path with , or : (rename the test)", root)
	}
	out := t.TempDir()
	sx := hosted(b.argv(t, "systemd-sysext"))
	script := sessionPrelude
	for i, step := range steps {
		n := string(rune('a'+i)) + "-" + step
		if step == "between" {
			script += shellQuote(between) + ` >"$OUT/` + n + `.log" 2>&1 || echo "between failed: $?" >>"$OUT/` + n + `.log"` + "\n"
		} else {
			script += "sx" + shellQuote(sx) + " --no-pager " + step + ` >"$OUT/` + n + `.log" 2>&1 || echo "exit status $?" >>"$OUT/` + n + `.log"` + "\n"
		}
		script += `markers >"$OUT/` + n + `.markers"` + "\n"
	}
	c := command(180*time.Second, "unshare", "-m", "--propagation", "private", "--", "bash", "-eu", "-c", script)
	c.Env = append(os.Environ(), "R="+root, "OUT="+out, "SD="+b.root, "SYSTEMD_COLORS=0", "SYSTEMD_PAGER=cat", "LC_ALL=C")
	r := runCmd(t, c)
	if r.err != nil {
		t.Fatalf("the namespace session failed: %v\n%s", r.err, r.combined())
	}
	var s session
	for i, step := range steps {
		n := string(rune('a'+i)) + "-" + step
		log, _ := os.ReadFile(filepath.Join(out, n+".log"))
		m, _ := os.ReadFile(filepath.Join(out, n+".markers"))
		s.log += "== " + step + "\n" + string(log)
		s.markers = append(s.markers, strings.Fields(string(m)))
	}
	leftovers(t, root)
	return s
}

// hosted rewrites an argv of absolute paths so that it runs inside the
// chroot, where the host's / is at /.host.
func hosted(argv []string) []string {
	out := slices.Clone(argv)
	for i, a := range out {
		if strings.HasPrefix(a, "/") {
			parts := strings.Split(a, ":")
			for j := range parts {
				parts[j] = "/.host" + parts[j]
			}
			out[i] = strings.Join(parts, ":")
		}
	}
	return out
}

// leftovers fails the test when a mount or loop device under root outlived
// its namespace.
func leftovers(t *testing.T, root string) {
	t.Helper()
	if b, _ := os.ReadFile("/proc/self/mountinfo"); strings.Contains(string(b), root) {
		t.Errorf("mounts under %s outlived the namespace", root)
	}
	if b, err := exec.Command("losetup", "-a").CombinedOutput(); err == nil && strings.Contains(string(b), root) {
		t.Errorf("loop devices of %s outlived the namespace:\n%s", root, b)
	}
}

// wantMarkers checks that every wanted marker is merged and none of unwanted.
func wantMarkers(t *testing.T, what string, got, wanted, unwanted []string, log string) {
	t.Helper()
	for _, m := range wanted {
		if !slices.Contains(got, m) {
			t.Errorf("%s: %s is not merged (merged: %v)\n%s", what, m, got, log)
		}
	}
	for _, m := range unwanted {
		if slices.Contains(got, m) {
			t.Errorf("%s: %s is merged, but should not be (merged: %v)\n%s", what, m, got, log)
		}
	}
}

// TestSysext merges, with real systemd-sysext 254, 257 and 262, what real
// Ignition wrote into a Flatcar-like root, and judges by the files in /usr.
func TestSysext(t *testing.T) {
	inPart(t, "sysext")
	for _, b := range systemdBuilds(t) {
		t.Run("systemd "+b.version, func(t *testing.T) {
			t.Run("as shipped", func(t *testing.T) { sysextAsShipped(t, b) })
			t.Run("fixtures", func(t *testing.T) {
				for _, f := range fixtures(t) {
					t.Run(f.name, func(t *testing.T) { sysextSpec(t, b, f.spec, f.dir) })
				}
			})
			for _, c := range sysextSpecs() {
				t.Run(c.name, func(t *testing.T) { sysextSpec(t, b, c.spec, "") })
			}
			t.Run("methods next to a lower-priority image", func(t *testing.T) { sysextMethods(t, b) })
			t.Run("refused images", func(t *testing.T) { sysextRefused(t, b) })
		})
	}
}

// sysextAsShipped proves the Flatcar-like root: with no config both
// built-ins merge, and unmerge takes them away again.
func sysextAsShipped(t *testing.T, b systemdBuild) {
	root := t.TempDir()
	flatcarRoot(t)(root)
	s := mergeSession(t, b, root, nil, "list", "merge", "unmerge")
	all := []string{marker("base", "os"), marker("docker-flatcar", "builtin"), marker("containerd-flatcar", "builtin")}
	wantMarkers(t, "merge", s.markers[1], all, nil, s.log)
	wantMarkers(t, "unmerge", s.markers[2], all[:1], all[1:], s.log)
}

// sysextCase is one of the suite's own specs for the merge.
type sysextCase struct {
	name string
	spec spec
}

// sysextSpecs are the suite's own specs: both disable methods, a built-in
// left enabled, updates from the bakery and from a series.
func sysextSpecs() []sysextCase {
	return []sysextCase{
		{"link method with docker updated from the bakery", spec{ButaneVersion: "1.0.0", DisableMethod: "link",
			Disable:    builtins,
			Extensions: []extension{{Name: "docker", Version: "28.0.4", Update: &update{}}}}},
		{"directory method with containerd left on and a series and a plain image", spec{ButaneVersion: "1.1.0", DisableMethod: "directory",
			Disable: []string{"docker-flatcar"},
			Extensions: []extension{{Name: "kubernetes", Version: "v1.32.2", Update: &update{Series: "v1.32"}},
				{Name: "tool", Version: "1.0"}}}},
	}
}

// sysextSpec applies s (a fixture's, with its companion files in dir, or the
// suite's own) with real images, merges, and then updates each extension
// that updates, refreshes and checks that the new image replaced the old.
func sysextSpec(t *testing.T, b systemdBuild, s spec, dir string) {
	srv := newBlobServer(t)
	localizeWith(srv, &s, func(e extension) []byte { return sysextImage(t, e.Name, e.Version, e.Name, "flatcar") })
	work := t.TempDir()
	if dir != "" {
		copyCompanions(t, dir, work)
	}
	key := fixtureSigner(t, s, work)
	root := mustIgnite(t, gen(t, work, s), flatcarRoot(t))

	var wanted, unwanted, next []string
	var updates []string
	for _, e := range s.Extensions {
		wanted = append(wanted, marker(e.Name, e.Version))
		if e.Update == nil {
			continue
		}
		n := e
		n.Version = e.Version + ".1"
		folder := map[string][]byte{s.image(n): sysextImage(t, n.Name, n.Version, n.Name, "flatcar")}
		offer(t, srv, root, s, e, folder, key)
		next = append(next, marker(n.Name, n.Version))
		cmd := b.sysupdateCommand(t, root, "-C", e.Name, "update").Args
		if e.Update.Verify {
			cmd = chrootInSession(t, b, root, "-C", e.Name, "update")
		}
		updates = append(updates, shellQuote(cmd))
	}
	for _, n := range builtins {
		if builtinMerged(s, n) {
			wanted = append(wanted, marker(n, "builtin"))
		} else {
			unwanted = append(unwanted, marker(n, "builtin"))
		}
	}
	wanted = append(wanted, marker("base", "os"))
	if len(updates) == 0 {
		ses := mergeSession(t, b, root, nil, "merge", "unmerge")
		wantMarkers(t, "merge", ses.markers[0], wanted, unwanted, ses.log)
		return
	}
	between := []string{"sh", "-c", strings.Join(updates, " &&")}
	ses := mergeSession(t, b, root, between, "merge", "between", "refresh", "unmerge")
	wantMarkers(t, "merge", ses.markers[0], wanted, append(slices.Clone(unwanted), next...), ses.log)
	var old []string
	for _, e := range s.Extensions {
		if e.Update != nil {
			old = append(old, marker(e.Name, e.Version))
		}
	}
	keep := slices.DeleteFunc(slices.Clone(wanted), func(m string) bool { return slices.Contains(old, m) })
	wantMarkers(t, "refresh after the update", ses.markers[2], append(keep, next...), append(unwanted, old...), ses.log)
}

// builtinMerged says whether a built-in stays merged under spec s. An empty
// directory does not turn one off: Flatcar's enabling link reaches
// /etc/extensions through the lower layer of its /etc overlay, which lists
// it before the directory, and systemd-sysext takes the first entry of a name.
func builtinMerged(s spec, name string) bool {
	return !slices.Contains(s.Disable, name) || s.DisableMethod == "directory"
}

// sysextMethods compares the disable methods when a copy of the built-in
// also sits in /var/lib/extensions, which systemd-sysext reads after /etc:
// the /dev/null link only replaces the link that enabled the built-in, so
// the copy is merged; the directory loses to Flatcar's link; and only where
// no such link exists (Flatcar before its built-in sysexts) does the
// directory hide the copy too.
func sysextMethods(t *testing.T, b systemdBuild) {
	builtin, varlib := marker("docker-flatcar", "builtin"), marker("docker-flatcar", "varlib")
	for _, c := range []struct {
		name, method string
		links        bool
		in, out      []string
	}{
		{"link", "link", true, []string{varlib}, []string{builtin}},
		{"directory", "directory", true, []string{builtin}, []string{varlib}},
		{"directory without Flatcar's links", "directory", false, nil, []string{builtin, varlib}},
	} {
		t.Run(c.name, func(t *testing.T) {
			srv := newBlobServer(t)
			s := spec{ButaneVersion: "1.0.0", DisableMethod: c.method, Disable: []string{"docker-flatcar"},
				Extensions: []extension{{Name: "tool", Version: "1.0"}}}
			localizeWith(srv, &s, func(e extension) []byte { return sysextImage(t, e.Name, e.Version, e.Name, "flatcar") })
			root := mustIgnite(t, gen(t, t.TempDir(), s), func(root string) {
				flatcarRoot(t)(root)
				if !c.links {
					if err := os.Remove(filepath.Join(root, "usr/share/flatcar/etc/extensions/docker-flatcar.raw")); err != nil {
						t.Fatal(err)
					}
				}
				writeFile(t, root, "/var/lib/extensions/docker-flatcar.raw",
					string(sysextImage(t, "docker-flatcar", "varlib", "docker-flatcar", "flatcar")))
			})
			ses := mergeSession(t, b, root, nil, "list", "merge", "unmerge")
			wantMarkers(t, "merge", ses.markers[1], append(c.in, marker("tool", "1.0")), c.out, ses.log)
		})
	}
}

// sysextRefused checks that systemd-sysext refuses an image whose
// extension-release file is named after the versioned file, not after the
// /etc/extensions name (what the versioned-name lint is for), and an image
// built for another OS.
func sysextRefused(t *testing.T, b systemdBuild) {
	for name, image := range map[string]func(e extension) []byte{
		"extension-release named after the versioned file": func(e extension) []byte {
			return sysextImage(t, e.Name, e.Version, e.Name+"-"+e.Version+"-x86-64", "flatcar")
		},
		"an image for another ID": func(e extension) []byte { return sysextImage(t, e.Name, e.Version, e.Name, "fedora") },
	} {
		t.Run(name, func(t *testing.T) {
			srv := newBlobServer(t)
			s := spec{ButaneVersion: "1.0.0", DisableMethod: "link", Disable: builtins,
				Extensions: []extension{{Name: "mydocker", Version: "1.2.3", Update: &update{}}}}
			localizeWith(srv, &s, image)
			root := mustIgnite(t, gen(t, t.TempDir(), s), flatcarRoot(t))
			ses := mergeSession(t, b, root, nil, "merge", "unmerge")
			wantMarkers(t, "merge", ses.markers[0], []string{marker("base", "os")}, []string{marker("mydocker", "1.2.3")}, ses.log)
		})
	}
}
