package e2e

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
	"time"
)

// sysupdate runs the unpacked systemd-sysupdate 254 on root and reports any
// warning about the transfer files as an error, since systemd skips what it
// does not understand and a node would then silently never update.
func sysupdate(t *testing.T, root string, args ...string) result {
	t.Helper()
	c := command(120*time.Second, tool(t, envSysupdate), append([]string{"--root=" + root, "--no-pager"}, args...)...)
	c.Env = append(os.Environ(), "LD_LIBRARY_PATH="+tool(t, envSystemdLibDir),
		"SYSTEMD_PULL_PATH="+tool(t, envSystemdPull), "SYSTEMD_COLORS=0")
	r := runCmd(t, c)
	for _, l := range strings.Split(r.stderr, "\n") {
		if strings.Contains(l, "Unknown key") || strings.Contains(strings.ToLower(l), "ignoring") {
			t.Errorf("systemd-sysupdate %v warned: %s", args, l)
		}
	}
	if r.err != nil {
		t.Errorf("systemd-sysupdate %v failed: %v", args, r.err)
	}
	return r
}

// publish serves a bakery folder: the images plus the SHA256SUMS that
// systemd-sysupdate reads to find versions.
func publish(srv *blobServer, dir string, images map[string][]byte) {
	var sums strings.Builder
	names := make([]string, 0, len(images))
	for n := range images {
		names = append(names, n)
	}
	slices.Sort(names)
	for _, n := range names {
		sum := sha256.Sum256(images[n])
		fmt.Fprintf(&sums, "%s  %s\n", hex.EncodeToString(sum[:]), n)
		srv.put(dir+n, images[n])
	}
	srv.put(dir+"SHA256SUMS", []byte(sums.String()))
}

// wantRow checks that `list` printed a row naming version with assessment.
func wantRow(t *testing.T, list, version, assessment string) {
	t.Helper()
	for _, l := range strings.Split(list, "\n") {
		if slices.Contains(strings.Fields(l), version) && strings.Contains(l, assessment) {
			return
		}
	}
	t.Errorf("systemd-sysupdate list shows no %s row for %s:\n%s", assessment, version, list)
}

// TestSysupdate checks that real systemd-sysupdate accepts the transfer files
// Ignition wrote and moves the extension link to a newer bakery image.
func TestSysupdate(t *testing.T) {
	t.Run("update true follows the bakery folder", func(t *testing.T) {
		srv := newBlobServer(t)
		old, next := fakeImage("docker", "28.0.4"), fakeImage("docker", "28.1.0")
		srv.put("/extensions/docker-28.0.4-x86-64.raw", old)
		publish(srv, "/extensions/docker/", map[string][]byte{
			"docker-28.0.4-x86-64.raw": old, "docker-28.1.0-x86-64.raw": next})
		s := spec{ButaneVersion: "1.0.0", Arch: "x86-64", BakeryURL: srv.URL + "/extensions", DisableMethod: "link",
			Disable:    []string{"docker-flatcar", "containerd-flatcar"},
			Extensions: []extension{{Name: "docker", Version: "28.0.4", Update: &update{}}}}
		root := mustIgnite(t, gen(t, t.TempDir(), s), seedFlatcar(t))

		sysupdate(t, root, "list")
		list := sysupdate(t, root, "-C", "docker", "list").stdout
		wantRow(t, list, "28.0.4", "current")
		wantRow(t, list, "28.1.0", "candidate")
		sysupdate(t, root, "-C", "docker", "update")
		wantFile(t, root, "/opt/extensions/docker/docker-28.1.0-x86-64.raw", next, 0o644)
		wantResolves(t, root, "/etc/extensions/docker.raw", "/opt/extensions/docker/docker-28.1.0-x86-64.raw", next)
	})

	t.Run("k3s-style versions with a plus, from a folder whose URL holds %20", func(t *testing.T) {
		srv := newBlobServer(t)
		old, next := fakeImage("k3s", "v1.32.2+k3s1"), fakeImage("k3s", "v1.32.3+k3s1")
		srv.put("/extensions/k3s-v1.32.2+k3s1-x86-64.raw", old)
		publish(srv, "/my mirror/k3s/", map[string][]byte{
			"k3s-v1.32.2+k3s1-x86-64.raw": old, "k3s-v1.32.3+k3s1-x86-64.raw": next})
		s := spec{ButaneVersion: "1.0.0", Arch: "x86-64", BakeryURL: srv.URL + "/extensions", DisableMethod: "link",
			Extensions: []extension{{Name: "k3s", Version: "v1.32.2+k3s1",
				Update: &update{Source: srv.URL + "/my%20mirror/k3s"}}}}
		root := mustIgnite(t, gen(t, t.TempDir(), s), nil)

		wantRow(t, sysupdate(t, root, "-C", "k3s", "list").stdout, "v1.32.2+k3s1", "current")
		sysupdate(t, root, "-C", "k3s", "update")
		wantResolves(t, root, "/etc/extensions/k3s.raw", "/opt/extensions/k3s/k3s-v1.32.3+k3s1-x86-64.raw", next)
	})

	t.Run("series ignores versions outside it", func(t *testing.T) {
		srv := newBlobServer(t)
		v2, v3, v33 := fakeImage("kubernetes", "v1.32.2"), fakeImage("kubernetes", "v1.32.3"), fakeImage("kubernetes", "v1.33.0")
		srv.put("/extensions/kubernetes-v1.32.2-x86-64.raw", v2)
		publish(srv, "/mirror/kubernetes/", map[string][]byte{"kubernetes-v1.32.2-x86-64.raw": v2,
			"kubernetes-v1.32.3-x86-64.raw": v3, "kubernetes-v1.33.0-x86-64.raw": v33})
		s := spec{ButaneVersion: "1.0.0", Arch: "x86-64", BakeryURL: srv.URL + "/extensions", DisableMethod: "link",
			Extensions: []extension{{Name: "kubernetes", Version: "v1.32.2",
				Update: &update{Series: "v1.32", Source: srv.URL + "/mirror/kubernetes/"}}}}
		root := mustIgnite(t, gen(t, t.TempDir(), s), nil)

		list := sysupdate(t, root, "-C", "kubernetes", "list").stdout
		if strings.Contains(list, "1.33") {
			t.Errorf("the v1.32 series lists a v1.33 image:\n%s", list)
		}
		sysupdate(t, root, "-C", "kubernetes", "update")
		wantResolves(t, root, "/etc/extensions/kubernetes.raw", "/opt/extensions/kubernetes/kubernetes-v1.32.3-x86-64.raw", v3)
		wantAbsent(t, root, "/opt/extensions/kubernetes/kubernetes-v1.33.0-x86-64.raw")
		if n := srv.count("/mirror/kubernetes/kubernetes-v1.33.0-x86-64.raw"); n != 0 {
			t.Errorf("sysupdate fetched the v1.33 image %d times", n)
		}
	})
}
