package e2e

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestIgnitionLock checks that `sysext-ign lock` pins, from a loopback
// bakery's SHA256SUMS, the versions and hashes that real Ignition then
// verifies, resolving version: latest as systemd-sysupdate orders versions.
func TestIgnitionLock(t *testing.T) {
	inPart(t, "ignition")
	srv := newBlobServer(t)
	docker := fakeImage("docker", "28.0.4")
	k2, k10, k33 := fakeImage("kubernetes", "v1.32.2"), fakeImage("kubernetes", "v1.32.10"), fakeImage("kubernetes", "v1.33.0")
	publish(srv, "/extensions/docker/", map[string][]byte{"docker-28.0.4-x86-64.raw": docker})
	publish(srv, "/extensions/kubernetes/", map[string][]byte{"kubernetes-v1.32.2-x86-64.raw": k2,
		"kubernetes-v1.32.10-x86-64.raw": k10, "kubernetes-v1.33.0-x86-64.raw": k33})
	srv.put("/extensions/docker-28.0.4-x86-64.raw", docker)
	srv.put("/extensions/kubernetes-v1.32.10-x86-64.raw", k10)

	s := spec{ButaneVersion: "1.0.0", Arch: "x86-64", BakeryURL: srv.URL + "/extensions", DisableMethod: "link",
		Disable: []string{"docker-flatcar", "containerd-flatcar"},
		Extensions: []extension{{Name: "docker", Version: "28.0.4", Update: &update{}},
			{Name: "kubernetes", Version: "latest", Update: &update{Series: "v1.32"}}}}
	path := writeSpec(t, t.TempDir(), s)
	if r := runCmd(t, command(120*time.Second, tool(t, envBin), "lock", path)); r.err != nil {
		t.Fatal("sysext-ign lock failed")
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	locked, err := parseSpec(b)
	if err != nil {
		t.Fatalf("lock left a spec the suite cannot read: %v\n%s", err, b)
	}
	if len(locked.Extensions) != 2 {
		t.Fatalf("lock changed the extension list:\n%s", b)
	}
	if e := locked.Extensions[0]; e.Version != "28.0.4" || e.Hash != sha256Hash(docker) {
		t.Errorf("docker pinned as version %q hash %q, want 28.0.4 %s", e.Version, e.Hash, sha256Hash(docker))
	}
	if e := locked.Extensions[1]; e.Version != "v1.32.10" || e.Hash != sha256Hash(k10) {
		t.Errorf("kubernetes latest in v1.32 pinned as %q hash %q, want v1.32.10 %s", e.Version, e.Hash, sha256Hash(k10))
	}
	root := mustIgnite(t, genFile(t, path), seedFlatcar(t))
	checkTree(t, root, locked, map[string][]byte{"docker": docker, "kubernetes": k10})
}

// TestIgnitionLockCheck checks that a mirror `sysext-ign lock --check` passes
// is one real Ignition applies, for each spec shape of docs/mirrors.md, and
// that when the mirror loses an image, lock --check and Ignition both fail.
func TestIgnitionLockCheck(t *testing.T) {
	inPart(t, "ignition")
	srv := newBlobServer(t)
	key := newGPGSigner(t, "mirror")
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "keys.asc"), key.armored(t), 0o644); err != nil {
		t.Fatal(err)
	}
	images := map[string][]byte{"docker-compose": fakeImage("docker-compose", "2.34.0"), "docker": fakeImage("docker", "28.0.4"),
		"own": fakeImage("own", "1"), "mytool": fakeImage("mytool", "1.4.0"), "signed": fakeImage("signed", "2.0.0")}
	for _, n := range []string{"docker-compose", "docker"} {
		file := n + "-" + map[string]string{"docker-compose": "2.34.0", "docker": "28.0.4"}[n] + "-x86-64.raw"
		publish(srv, "/extensions/"+n+"/", map[string][]byte{file: images[n]})
		srv.put("/extensions/"+file, images[n])
	}
	srv.put("/sources/own.raw", images["own"])
	srv.put("/sources/mytool-1.4.0-x86-64.raw", images["mytool"])
	publish(srv, "/updates/mytool/", map[string][]byte{"mytool-1.4.0-x86-64.raw": images["mytool"]})
	srv.put("/sources/signed-2.0.0-x86-64.raw", images["signed"])
	publishSigned(t, srv, "/updates/signed/", map[string][]byte{"signed-2.0.0-x86-64.raw": images["signed"]}, key)
	s := spec{ButaneVersion: "1.0.0", Arch: "x86-64", BakeryURL: srv.URL + "/extensions", DisableMethod: "link",
		Disable: []string{"docker-flatcar", "containerd-flatcar"}, UpdateKeyring: "keys.asc",
		Extensions: []extension{
			{Name: "docker-compose", Version: "2.34.0"},
			{Name: "docker", Version: "28.0.4", Update: &update{}},
			{Name: "own", Source: srv.URL + "/sources/own.raw", Hash: sha256Hash(images["own"])},
			{Name: "mytool", Version: "1.4.0", Source: srv.URL + "/sources/mytool-1.4.0-x86-64.raw", Update: &update{Source: srv.URL + "/updates/mytool/"}},
			{Name: "signed", Version: "2.0.0", Source: srv.URL + "/sources/signed-2.0.0-x86-64.raw", Update: &update{Source: srv.URL + "/updates/signed/", Verify: true}},
		}}
	path := writeSpec(t, dir, s)
	if r := runCmd(t, command(120*time.Second, tool(t, envBin), "lock", path)); r.err != nil {
		t.Fatalf("sysext-ign lock failed:\n%s", r.stderr)
	}
	if r := runCmd(t, command(120*time.Second, tool(t, envBin), "lock", "--check", path)); r.err != nil {
		t.Fatalf("sysext-ign lock --check refused the mirror lock pinned from:\n%s", r.stderr)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	locked, err := parseSpec(b)
	if err != nil {
		t.Fatal(err)
	}
	root := mustIgnite(t, genFile(t, path), seedFlatcar(t))
	checkTree(t, root, locked, images)

	srv.drop("/sources/mytool-1.4.0-x86-64.raw")
	r := runCmd(t, command(120*time.Second, tool(t, envBin), "lock", "--check", path))
	if code := exitCode(r.err); code != 1 || !strings.Contains(r.stderr, srv.URL+"/sources/mytool-1.4.0-x86-64.raw") {
		t.Errorf("lock --check exited %d, want 1 naming the missing image:\n%s", code, r.stderr)
	}
	if _, log, err := ignition(t, genFile(t, path), seedFlatcar(t)); err == nil {
		t.Errorf("Ignition applied a config whose image the mirror lacks:\n%s", log)
	}
}
