package e2e

import (
	"debug/elf"
	"encoding/base64"
	"encoding/json"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// gpgSigner is a signing key in a GNUPGHOME of its own, made with Debian's
// gpg, so the machine's keyrings are never read or written.
type gpgSigner struct {
	home string
}

// newGPGSigner makes an ed25519 signing key without a passphrase.
func newGPGSigner(t *testing.T, name string) gpgSigner {
	t.Helper()
	return newGPGKeyWith(t, name, "ed25519", "never")
}

// newGPGKeyWith makes a signing key of algorithm algo (as gpg --quick-gen-key
// names it) with an expiry such as never or 1d, and gpg's further arguments,
// such as --faked-system-time, without a passphrase. The home is short, under /tmp, as
// gpg-agent's socket path must be.
func newGPGKeyWith(t *testing.T, name, algo, expire string, args ...string) gpgSigner {
	t.Helper()
	home, err := os.MkdirTemp("", "gpg")
	if err != nil {
		t.Fatal(err)
	}
	s := gpgSigner{home}
	t.Cleanup(func() {
		exec.Command("gpgconf", "--homedir", home, "--kill", "all").Run()
		os.RemoveAll(home)
	})
	s.gpg(t, nil, append(args, "--passphrase", "", "--quick-gen-key", name+" <"+name+"@example.invalid>", algo, "sign", expire)...)
	return s
}

// gpg runs gpg in the signer's home with stdin and returns its stdout.
func (s gpgSigner) gpg(t *testing.T, stdin []byte, args ...string) []byte {
	t.Helper()
	c := command(60*time.Second, "gpg", append([]string{"--homedir", s.home, "--batch", "--quiet", "--pinentry-mode", "loopback"}, args...)...)
	if stdin != nil {
		c.Stdin = strings.NewReader(string(stdin))
	}
	var out, errb strings.Builder
	c.Stdout, c.Stderr = &out, &errb
	if err := c.Run(); err != nil {
		t.Fatalf("gpg %v: %v\n%s", args, err, errb.String())
	}
	return []byte(out.String())
}

// armored is the public key as gpg --export --armor writes it, for update_keyring.
func (s gpgSigner) armored(t *testing.T) []byte { return s.gpg(t, nil, "--armor", "--export") }

// binary is the public key as gpg --export writes it, what the node's keyring must hold.
func (s gpgSigner) binary(t *testing.T) []byte { return s.gpg(t, nil, "--export") }

// sign is gpg --detach-sign of b: the SHA256SUMS.gpg a signed mirror serves.
func (s gpgSigner) sign(t *testing.T, b []byte) []byte {
	return s.gpg(t, b, "--detach-sign", "--output", "-")
}

// publishSigned publishes a folder as publish does, with SHA256SUMS.gpg signed by s.
func publishSigned(t *testing.T, srv *blobServer, dir string, images map[string][]byte, s gpgSigner) {
	publish(srv, dir, images)
	srv.mu.Lock()
	sums := srv.files[dir+"SHA256SUMS"]
	srv.mu.Unlock()
	srv.put(dir+"SHA256SUMS.gpg", s.sign(t, sums))
}

// chrootMounts makes, in a private mount namespace, a chroot of $R in which
// the build's binaries run from the host's / at /.host, and gpg from the
// host's /usr/bin through PATH, as systemd-pull execs it: its loader is
// copied to where the program asks for it ($INTERP), its libraries come
// through LD_LIBRARY_PATH, and /usr/lib/systemd holds only the pull
// wrapper ($PULL). Every mount ends with the namespace.
const chrootMounts = `
mount -t tmpfs -o mode=755 tmpfs "$R/run"
mount -t tmpfs -o mode=1777 tmpfs "$R/tmp"
mount -t tmpfs -o mode=755 tmpfs "$R$(dirname "$INTERP")"
cp "$LOADER" "$R$INTERP"
mount --bind "$PULL" "$R/usr/lib/systemd"
`

// chrootBase is what chrootMounts needs that mergeSession's prelude also sets up.
const chrootBase = `
mount --bind "$R" "$R"
mount --bind /dev "$R/dev"
mount -t proc proc "$R/proc"
mount --bind / "$R/.host"; mount -o remount,bind,ro "$R/.host"
if [ "$(stat -c %m "$SD")" != / ]; then mount --bind "$SD" "$R/.host$SD"; fi
`

// chrootRun runs the command line after the script in the chroot, with the
// host's gpg and libraries reachable for systemd-pull.
const chrootRun = `exec env PATH=/.host/usr/bin:/.host/bin LD_LIBRARY_PATH="/.host$LIBS" SYSTEMD_PULL_PATH=/usr/lib/systemd/systemd-pull "$CHROOT" "$R" "$@"`

// chrootEnv is what the chroot scripts read: the paths of the host's loader
// and libraries, of the build, and of the pull wrapper for inside the chroot.
func chrootEnv(t *testing.T, b systemdBuild, root string) []string {
	t.Helper()
	gpgPath, err := exec.LookPath("gpg")
	if err != nil {
		t.Fatalf("gpg is not installed: %v", err)
	}
	interp := interpName(t, gpgPath)
	loader := interpreter(t, gpgPath)
	chroot, err := exec.LookPath("chroot")
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range []string{"run", "tmp", "dev", "proc", ".host", "usr/lib/systemd", strings.TrimPrefix(filepath.Dir(interp), "/")} {
		if err := os.MkdirAll(filepath.Join(root, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	pull := t.TempDir()
	script := "#!/.host/bin/sh\nexec" + shellQuote(hosted(b.argv(t, "systemd-pull"))) + " \"$@\"\n"
	if err := os.WriteFile(filepath.Join(pull, "systemd-pull"), []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	return []string{"R=" + root, "SD=" + b.root, "INTERP=" + interp, "LOADER=" + loader, "LIBS=" + filepath.Dir(loader),
		"PULL=" + pull, "CHROOT=" + chroot, "SYSTEMD_COLORS=0", "SYSTEMD_PAGER=cat", "LC_ALL=C"}
}

// interpName is the loader path an ELF program names, as the kernel looks it up.
func interpName(t *testing.T, program string) string {
	t.Helper()
	f, err := elf.Open(program)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for _, p := range f.Progs {
		if p.Type == elf.PT_INTERP {
			b, err := io.ReadAll(p.Open())
			if err != nil {
				t.Fatal(err)
			}
			return strings.TrimRight(string(b), "\x00")
		}
	}
	t.Fatalf("%s names no dynamic loader", program)
	return ""
}

// chrootSysupdate runs build's systemd-sysupdate chrooted into root, where it
// reads the keyring Ignition wrote: with --root, 254 would read the machine's.
func chrootSysupdate(t *testing.T, b systemdBuild, root string, args ...string) result {
	t.Helper()
	c := command(120*time.Second, "unshare", chrootArgv(t, b, root, chrootBase, args...)...)
	c.Env = append(os.Environ(), chrootEnv(t, b, root)...)
	r := runCmd(t, c)
	leftovers(t, root)
	return r
}

// chrootArgv is the unshare arguments that run build's systemd-sysupdate with
// args in a chroot of root, after the mounts of base.
func chrootArgv(t *testing.T, b systemdBuild, root, base string, args ...string) []string {
	t.Helper()
	argv := hosted(b.argv(t, "systemd-sysupdate", append([]string{"--no-pager"}, args...)...))
	return append([]string{"-m", "--propagation", "private", "--", "bash", "-eu", "-c", base + chrootMounts + chrootRun, "sysupdate"}, argv...)
}

// chrootInSession is a command line for mergeSession's between step that runs
// chrootSysupdate's sysupdate in a namespace nested in the session's, so its
// mounts are gone before systemd-sysext refreshes /usr.
func chrootInSession(t *testing.T, b systemdBuild, root string, args ...string) []string {
	t.Helper()
	return append(append([]string{"env"}, chrootEnv(t, b, root)...), append([]string{"unshare"}, chrootArgv(t, b, root, "", args...)...)...)
}

// sysupdateAny runs sysupdate as sysupdate does, chrooted when the extension
// verifies its list, since only then the keyring in root is read.
func sysupdateAny(t *testing.T, b systemdBuild, root string, verify bool, args ...string) result {
	t.Helper()
	if !verify {
		return sysupdate(t, b, root, args...)
	}
	r := chrootSysupdate(t, b, root, args...)
	sysupdateWarned(t, b, args, r)
	if r.err != nil {
		t.Errorf("systemd-sysupdate %s %v chrooted failed: %v", b.version, args, r.err)
	}
	return r
}

// fixtureSigner replaces a fixture's update_keyring, copied into dir, with a
// key made for the test, whose signature publishFor puts on verified lists.
func fixtureSigner(t *testing.T, s spec, dir string) *gpgSigner {
	t.Helper()
	if s.UpdateKeyring == "" {
		return nil
	}
	k := newGPGSigner(t, "fixture")
	if err := os.WriteFile(filepath.Join(dir, s.UpdateKeyring), k.armored(t), 0o644); err != nil {
		t.Fatal(err)
	}
	return &k
}

// publishFor publishes e's update folder, signed by key when e verifies.
func publishFor(t *testing.T, srv *blobServer, path string, e extension, folder map[string][]byte, key *gpgSigner) {
	t.Helper()
	if !e.Update.Verify {
		publish(srv, path, folder)
		return
	}
	if key == nil {
		t.Fatalf("%s verifies but the spec has no update_keyring", e.Name)
	}
	publishSigned(t, srv, path, folder, *key)
}

// signedSpec is one extension from its own mirror with verify: true, and the
// signer's public key, armored, as update_keyring.
func signedSpec(t *testing.T, srv *blobServer, dir string, key gpgSigner) (spec, []byte, []byte) {
	t.Helper()
	old, next := fakeImage("mytool", "1.4.0"), fakeImage("mytool", "1.5.0")
	srv.put("/sources/mytool-1.4.0-x86-64.raw", old)
	if err := os.WriteFile(filepath.Join(dir, "keys.asc"), key.armored(t), 0o644); err != nil {
		t.Fatal(err)
	}
	s := spec{ButaneVersion: "1.0.0", Arch: "x86-64", DisableMethod: "link", UpdateKeyring: "keys.asc",
		Extensions: []extension{{Name: "mytool", Version: "1.4.0", Source: srv.URL + "/sources/mytool-1.4.0-x86-64.raw",
			Update: &update{Source: srv.URL + "/updates/mytool/", Verify: true}}}}
	return s, old, next
}

// TestSignedSysupdate checks with real systemd-sysupdate 254, 257 and 262,
// chrooted into what Ignition wrote, that verify: true puts the keyring where
// sysupdate's gpg reads it: a list signed by that key updates, one signed by
// another key or not signed at all is refused and the link stays.
func TestSignedSysupdate(t *testing.T) {
	inPart(t, "sysupdate")
	mirror, other := newGPGSigner(t, "mirror"), newGPGSigner(t, "other")
	for _, b := range systemdBuilds(t) {
		t.Run("systemd "+b.version, func(t *testing.T) {
			for _, c := range []struct {
				name   string
				signer *gpgSigner
				ok     bool
			}{{"signed by the keyring's key", &mirror, true}, {"signed by another key", &other, false}, {"not signed", nil, false}} {
				t.Run(c.name, func(t *testing.T) {
					srv := newBlobServer(t)
					dir := t.TempDir()
					s, old, next := signedSpec(t, srv, dir, mirror)
					folder := map[string][]byte{"mytool-1.4.0-x86-64.raw": old, "mytool-1.5.0-x86-64.raw": next}
					if c.signer != nil {
						publishSigned(t, srv, "/updates/mytool/", folder, *c.signer)
					} else {
						publish(srv, "/updates/mytool/", folder)
					}
					root := mustIgnite(t, gen(t, dir, s), seedFlatcar(t))
					wantFile(t, root, "/etc/systemd/import-pubring.gpg", mirror.binary(t), 0o644)
					r := chrootSysupdate(t, b, root, "-C", "mytool", "update")
					if c.ok {
						if r.err != nil {
							t.Fatalf("sysupdate refused a list signed by the keyring's key:\n%s", r.combined())
						}
						sysupdateWarned(t, b, []string{"update"}, r)
						wantResolves(t, root, "/etc/extensions/mytool.raw", "/opt/extensions/mytool/mytool-1.5.0-x86-64.raw", next)
						return
					}
					if r.err == nil {
						t.Errorf("sysupdate accepted a list it should refuse:\n%s", r.combined())
					}
					wantResolves(t, root, "/etc/extensions/mytool.raw", "/opt/extensions/mytool/mytool-1.4.0-x86-64.raw", old)
					wantAbsent(t, root, "/opt/extensions/mytool/mytool-1.5.0-x86-64.raw")
				})
			}
		})
	}
}

// TestSignedLock checks that `sysext-ign lock` pins from a list signed by the
// key in update_keyring, and refuses, leaving the spec alone, one signed by
// another key.
func TestSignedLock(t *testing.T) {
	inPart(t, "ignition")
	mirror, other := newGPGSigner(t, "mirror"), newGPGSigner(t, "other")
	for _, c := range []struct {
		name   string
		signer gpgSigner
		ok     bool
	}{{"signed by the keyring's key", mirror, true}, {"signed by another key", other, false}} {
		t.Run(c.name, func(t *testing.T) {
			srv := newBlobServer(t)
			dir := t.TempDir()
			s, old, next := signedSpec(t, srv, dir, mirror)
			publishSigned(t, srv, "/updates/mytool/", map[string][]byte{"mytool-1.4.0-x86-64.raw": old, "mytool-1.5.0-x86-64.raw": next}, c.signer)
			path := writeSpec(t, dir, s)
			before, _ := os.ReadFile(path)
			r := runCmd(t, command(120*time.Second, tool(t, envBin), "lock", path))
			after, _ := os.ReadFile(path)
			if n := srv.count("/updates/mytool/SHA256SUMS.gpg"); n != 1 {
				t.Errorf("lock fetched SHA256SUMS.gpg %d times, want once", n)
			}
			if !c.ok {
				if code := exitCode(r.err); code != 1 || !strings.Contains(r.stderr, "is not a good signature of SHA256SUMS by a key in update_keyring") {
					t.Errorf("lock exited %d, want 1 with a bad-signature error:\n%s", code, r.stderr)
				}
				if string(after) != string(before) {
					t.Errorf("lock changed the spec despite the bad signature:\n%s", after)
				}
				return
			}
			locked, err := parseSpec(after)
			if r.err != nil || err != nil || len(locked.Extensions) != 1 || locked.Extensions[0].Hash != sha256Hash(old) {
				t.Fatalf("lock did not pin the signed list's hash (%v, %v):\n%s", r.err, err, after)
			}
		})
	}
}

// exitCode is the exit status of a finished command, or -1.
func exitCode(err error) int {
	if ee, ok := err.(*exec.ExitError); ok {
		return ee.ExitCode()
	}
	if err == nil {
		return 0
	}
	return -1
}

// checkKeyring checks that the node holds update_keyring, read from dir and
// dearmored by gpg, where sysupdate reads it, and only when an extension verifies.
func checkKeyring(t *testing.T, root, dir string, s spec) {
	t.Helper()
	verifies := false
	for _, e := range s.Extensions {
		verifies = verifies || e.Update != nil && e.Update.Verify
	}
	if !verifies {
		wantAbsent(t, root, "/etc/systemd/import-pubring.gpg")
		return
	}
	keys, err := os.ReadFile(filepath.Join(dir, s.UpdateKeyring))
	if err != nil {
		t.Fatal(err)
	}
	if strings.HasPrefix(strings.TrimSpace(string(keys)), "-----BEGIN ") {
		c := command(60*time.Second, "gpg", "--batch", "--dearmor")
		c.Stdin = strings.NewReader(string(keys))
		if keys, err = c.Output(); err != nil {
			t.Fatalf("gpg --dearmor %s: %v", s.UpdateKeyring, err)
		}
	}
	wantFile(t, root, "/etc/systemd/import-pubring.gpg", keys, 0o644)
}

// revoke imports the revocation certificate gpg made with the key, so the
// key exports as revoked.
func (s gpgSigner) revoke(t *testing.T) {
	t.Helper()
	var fpr string
	for _, line := range strings.Split(string(s.gpg(t, nil, "--with-colons", "--list-keys")), "\n") {
		if f := strings.Split(line, ":"); f[0] == "fpr" && fpr == "" {
			fpr = f[9]
		}
	}
	cert, err := os.ReadFile(filepath.Join(s.home, "openpgp-revocs.d", fpr+".rev"))
	if err != nil {
		t.Fatal(err)
	}
	s.gpg(t, []byte(strings.ReplaceAll(string(cert), "\n:-----", "\n-----")), "--import")
}

// gpgVerifies runs gpg --verify as systemd-pull runs it (src/import/pull-common.c:
// verify_gpg), with the keyring the node holds, the signature in a file and
// the list on stdin, and tells whether it exits 0, which is all pull asks.
func gpgVerifies(t *testing.T, keyring, sig, list []byte) bool {
	t.Helper()
	dir := t.TempDir()
	home, err := os.MkdirTemp("", "gpghome")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		exec.Command("gpgconf", "--homedir", home, "--kill", "all").Run()
		os.RemoveAll(home)
	})
	for name, b := range map[string][]byte{"pubring.gpg": keyring, "sig": sig} {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	c := command(60*time.Second, "gpg", "--no-options", "--no-default-keyring", "--no-auto-key-locate", "--no-auto-check-trustdb",
		"--batch", "--trust-model=always", "--homedir="+home, "--keyring="+filepath.Join(dir, "pubring.gpg"),
		"--verify", filepath.Join(dir, "sig"), "-")
	c.Stdin = strings.NewReader(string(list))
	out, err := c.CombinedOutput()
	if code := exitCode(err); code != 0 && code != 1 && code != 2 {
		t.Fatalf("gpg --verify did not run (exit %d): %v\n%s", code, err, out)
	}
	t.Logf("gpg --verify: exit %d\n%s", exitCode(err), out)
	return err == nil
}

// writtenKeyring is the keyring Ignition writes from gen's output, read from its data URL.
func writtenKeyring(t *testing.T, ign []byte) []byte {
	t.Helper()
	var cfg struct {
		Storage struct {
			Files []struct {
				Path     string
				Contents struct{ Source string }
			}
		}
	}
	if err := json.Unmarshal(ign, &cfg); err != nil {
		t.Fatal(err)
	}
	for _, f := range cfg.Storage.Files {
		if data, ok := strings.CutPrefix(f.Contents.Source, "data:;base64,"); ok && f.Path == "/etc/systemd/import-pubring.gpg" {
			b, err := base64.StdEncoding.DecodeString(data)
			if err != nil {
				t.Fatal(err)
			}
			return b
		}
	}
	t.Fatal("gen wrote no keyring")
	return nil
}

// TestSignedLockAgreesWithGPG checks, for SHA256SUMS.gpg files of several
// signature packets and for expired and revoked keys, that sysext-ign lock
// pins exactly when Debian's gpg, run as systemd-pull runs it with the keyring
// gen writes, verifies the list: lock never pins what the node's sysupdate
// would refuse, nor refuses what it would accept. gpg's verdict is stated too,
// so a change of gpg's behaviour shows.
func TestSignedLockAgreesWithGPG(t *testing.T) {
	inPart(t, "sysupdate")
	const past, during, expires = "20200101T000000", "20200101T010000", "1d"
	mirror, other := newGPGSigner(t, "mirror"), newGPGSigner(t, "other")
	expired := newGPGKeyWith(t, "expired", "ed25519", expires, "--faked-system-time", past)
	old := newGPGKeyWith(t, "old", "ed25519", "never", "--faked-system-time", past)
	revoked := newGPGSigner(t, "revoked")
	srv := newBlobServer(t)
	img := fakeImage("mytool", "1.4.0")
	srv.put("/sources/mytool-1.4.0-x86-64.raw", img)
	publish(srv, "/updates/mytool/", map[string][]byte{"mytool-1.4.0-x86-64.raw": img})
	srv.mu.Lock()
	list := srv.files["/updates/mytool/SHA256SUMS"]
	srv.mu.Unlock()
	sign := func(s gpgSigner, args ...string) []byte {
		return s.gpg(t, list, append(args, "--detach-sign", "--output", "-")...)
	}
	revokedSig := sign(revoked)
	revoked.revoke(t)
	cases := []struct {
		name string
		sig  []byte
		gpg  bool // what gpg decides
	}{
		{"one good signature", sign(mirror), true},
		{"a good signature, then a bad one", append(sign(mirror), mirror.gpg(t, append(list, "x\n"...), "--detach-sign", "--output", "-")...), false},
		{"an unknown key's signature, then a good one", append(sign(other), sign(mirror)...), false},
		{"two armored blocks, the second by an unknown key", append(sign(mirror, "--armor"), sign(other, "--armor")...), false},
		{"two armored blocks, both good", append(sign(mirror, "--armor"), sign(old, "--armor")...), true},
		{"SHA-1", sign(mirror, "--digest-algo", "SHA1"), true},
		{"by a key that has expired since", sign(expired, "--faked-system-time", during), true},
		{"by a key revoked since", revokedSig, true},
		{"a signature that has expired", sign(old, "--faked-system-time", during, "--default-sig-expire", expires), false},
		{"a signature older than its key", sign(mirror, "--faked-system-time", during, "--ignore-time-conflict"), false},
	}
	dir := t.TempDir()
	keys := mirror.armored(t)
	for _, k := range []gpgSigner{expired, old, revoked} {
		keys = append(keys, k.armored(t)...)
	}
	if err := os.WriteFile(filepath.Join(dir, "keys.asc"), keys, 0o644); err != nil {
		t.Fatal(err)
	}
	s := spec{ButaneVersion: "1.0.0", Arch: "x86-64", DisableMethod: "link", UpdateKeyring: "keys.asc",
		Extensions: []extension{{Name: "mytool", Version: "1.4.0", Source: srv.URL + "/sources/mytool-1.4.0-x86-64.raw",
			Update: &update{Source: srv.URL + "/updates/mytool/", Verify: true}}}}
	keyring := writtenKeyring(t, gen(t, dir, s))
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			srv.put("/updates/mytool/SHA256SUMS.gpg", c.sig)
			if got := gpgVerifies(t, keyring, c.sig, list); got != c.gpg {
				t.Fatalf("gpg --verify exits 0: %v, want %v", got, c.gpg)
			}
			path := writeSpec(t, t.TempDir(), s)
			if err := os.WriteFile(filepath.Join(filepath.Dir(path), "keys.asc"), keys, 0o644); err != nil {
				t.Fatal(err)
			}
			r := runCmd(t, command(120*time.Second, tool(t, envBin), "lock", "--dry-run", path))
			refused := exitCode(r.err) == 1 && strings.Contains(r.stderr, "is not a good signature of SHA256SUMS")
			if pinned := r.err == nil; pinned != c.gpg || !pinned && !refused {
				t.Errorf("lock pinned: %v (exit %d), but gpg verifies: %v\n%s", pinned, exitCode(r.err), c.gpg, r.stderr)
			}
		})
	}
}
