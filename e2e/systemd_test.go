package e2e

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// systemdSeries are the builds every systemd check runs on: 254 stands in for
// Flatcar LTS (255), 257 is Flatcar Stable's, 262 is the newest.
var systemdSeries = []string{"254", "257", "262"}

// systemdBuild is one Debian build of systemd that scripts/e2e unpacked.
type systemdBuild struct {
	version string
	root    string
}

// systemdBuilds returns every build in systemdSeries, failing the test when
// scripts/e2e did not provide one.
func systemdBuilds(t *testing.T) []systemdBuild {
	t.Helper()
	return builds(t, "SYSEXT_IGN_E2E_SYSTEMD_", systemdSeries)
}

// builds returns the tree scripts/e2e exported as env plus the version for each version in series.
func builds(t *testing.T, env string, series []string) []systemdBuild {
	t.Helper()
	var out []systemdBuild
	for _, v := range series {
		out = append(out, systemdBuild{v, tool(t, env+v)})
	}
	return out
}

// bin finds a program in the build, wherever that suite's package puts it.
func (b systemdBuild) bin(t *testing.T, name string) string {
	t.Helper()
	for _, dir := range []string{"usr/lib/systemd", "lib/systemd", "usr/bin", "bin"} {
		p := filepath.Join(b.root, dir, name)
		if fi, err := os.Stat(p); err == nil && fi.Mode().IsRegular() {
			return p
		}
	}
	t.Fatalf("systemd %s has no %s under %s", b.version, name, b.root)
	return ""
}

// libDir finds the build's multiarch library directory (usr/lib/TRIPLET) by systemd's private library in it,
// so the suite runs on whatever architecture the machine and its Debian packages have.
func (b systemdBuild) libDir(t *testing.T) string {
	t.Helper()
	found, _ := filepath.Glob(filepath.Join(b.root, "usr/lib/*/systemd/libsystemd-shared-*.so"))
	if len(found) != 1 {
		t.Fatalf("systemd %s: want one usr/lib/*/systemd/libsystemd-shared-*.so under %s, found %q", b.version, b.root, found)
	}
	return filepath.Dir(filepath.Dir(found[0]))
}

// argv runs program name of the build through a dynamic loader with the
// build's own libraries, so that nothing of it is installed on the machine.
// A build that brought its own glibc, newer than the machine's, runs with its
// own loader; one built for the machine's glibc with the loader its binary names.
func (b systemdBuild) argv(t *testing.T, name string, args ...string) []string {
	t.Helper()
	program, lib := b.bin(t, name), b.libDir(t)
	private := filepath.Join(lib, "systemd")
	loader, path := interpreter(t, program), filepath.Join("/usr/lib", filepath.Base(lib))+":"+private
	if own, _ := filepath.Glob(filepath.Join(lib, "ld-linux*.so.*")); len(own) == 1 {
		loader, path = own[0], lib+":"+private
	}
	return append([]string{loader, "--library-path", path, program}, args...)
}

// interpreter is the file of the dynamic loader an ELF program asks for, the machine's own for a build made for its glibc.
// It is resolved, since a chroot that reaches the machine's files under another path cannot follow an absolute link.
func interpreter(t *testing.T, program string) string {
	t.Helper()
	loader, err := filepath.EvalSymlinks(interpName(t, program))
	if err != nil {
		t.Fatal(err)
	}
	return loader
}

// command is argv as a command with systemd's colours and pager off.
func (b systemdBuild) command(t *testing.T, limit time.Duration, name string, args ...string) *exec.Cmd {
	t.Helper()
	argv := b.argv(t, name, args...)
	c := command(limit, argv[0], argv[1:]...)
	c.Env = append(os.Environ(), "SYSTEMD_COLORS=0", "SYSTEMD_PAGER=cat", "LC_ALL=C")
	return c
}

// pullDir holds a systemd-pull and a systemd-import that run the build's own,
// for bind-mounting over /usr/lib/systemd: 257 and later ignore
// SYSTEMD_PULL_PATH and run /usr/lib/systemd/systemd-pull by that fixed path,
// and a local (regular-file) source is copied by systemd-import.
func (b systemdBuild) pullDir(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for _, tool := range []string{"systemd-pull", "systemd-import"} {
		script := "#!/bin/sh\nexec" + shellQuote(b.argv(t, tool)) + " \"$@\"\n"
		if err := os.WriteFile(filepath.Join(dir, tool), []byte(script), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// sysupdateCommand runs the build's systemd-sysupdate on root in a private
// mount namespace where /usr/lib/systemd holds only the pull wrapper; the
// namespace, and with it the bind mount, ends with the command.
func (b systemdBuild) sysupdateCommand(t *testing.T, root string, args ...string) *exec.Cmd {
	t.Helper()
	argv := b.argv(t, "systemd-sysupdate", append([]string{"--root=" + root, "--no-pager"}, args...)...)
	ns := append([]string{"-m", "--propagation", "private", "--", "sh", "-c",
		`mount --bind "$0" /usr/lib/systemd && exec "$@"`, b.pullDir(t)}, argv...)
	c := command(120*time.Second, "unshare", ns...)
	c.Env = append(os.Environ(), "SYSTEMD_COLORS=0", "SYSTEMD_PAGER=cat", "LC_ALL=C")
	return c
}

// shellQuote joins args for sh, each in single quotes.
func shellQuote(args []string) string {
	var b strings.Builder
	for _, a := range args {
		fmt.Fprintf(&b, " '%s'", strings.ReplaceAll(a, "'", `'\''`))
	}
	return b.String()
}
