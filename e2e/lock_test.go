package e2e

import (
	"os"
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
