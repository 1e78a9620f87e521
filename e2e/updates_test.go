package e2e

import "testing"

// TestIgnitionUpdates checks that Ignition writes the bakery's sysupdate
// layout and the official-extension list for specs that ask for them.
func TestIgnitionUpdates(t *testing.T) {
	inPart(t, "ignition")
	t.Run("update true from the bakery, official extensions", func(t *testing.T) {
		srv := newBlobServer(t)
		img := fakeImage("docker", "28.0.4")
		srv.put("/extensions/docker-28.0.4-x86-64.raw", img)
		s := spec{ButaneVersion: "1.0.0", Arch: "x86-64", BakeryURL: srv.URL + "/extensions", DisableMethod: "link",
			Disable:           []string{"docker-flatcar", "containerd-flatcar"},
			Extensions:        []extension{{Name: "docker", Version: "28.0.4", Update: &update{}}},
			FlatcarExtensions: []string{"podman", "zfs"}}
		root := mustIgnite(t, gen(t, t.TempDir(), s), seedFlatcar(t))
		checkTree(t, root, s, map[string][]byte{"docker": img})
	})

	t.Run("series with its own source, next to a plain extension", func(t *testing.T) {
		srv := newBlobServer(t)
		k8s, plain := fakeImage("kubernetes", "v1.32.2"), fakeImage("tool", "1")
		srv.put("/extensions/kubernetes-v1.32.2-arm64.raw", k8s)
		src := srv.put("/other/tool.raw", plain)
		s := spec{ButaneVersion: "1.1.0", Arch: "arm64", BakeryURL: srv.URL + "/extensions", DisableMethod: "directory",
			Disable: []string{"docker-flatcar", "containerd-flatcar"},
			Extensions: []extension{
				{Name: "kubernetes", Version: "v1.32.2", Update: &update{Series: "v1.32", Source: srv.URL + "/mirror/kubernetes/"}},
				{Name: "tool", Source: src},
			}}
		root := mustIgnite(t, gen(t, t.TempDir(), s), nil)
		checkTree(t, root, s, map[string][]byte{"kubernetes": k8s, "tool": plain})
	})
}
