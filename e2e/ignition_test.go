package e2e

import (
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// fakeImage is distinct content per name and version, so a test can tell
// which download ended up where.
func fakeImage(name, version string) []byte {
	return []byte("fake sysext image " + name + " " + version + "\n")
}

// sha256Hash spells a digest the way spec.hash and Ignition's verification do.
func sha256Hash(b []byte) string {
	sum := sha256.Sum256(b)
	return "sha256-" + hex.EncodeToString(sum[:])
}

// seedFlatcar gives root what a Flatcar image ships that Ignition touches:
// the links of the built-in sysexts, so that only a config with overwrite
// can replace them, and the core user, whom Ignition modifies in place.
func seedFlatcar(t *testing.T) func(root string) {
	return func(root string) {
		dir := filepath.Join(root, "etc/extensions")
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		for _, n := range []string{"docker-flatcar", "containerd-flatcar"} {
			if err := os.Symlink("/usr/share/flatcar/etc/extensions/"+n+".raw", filepath.Join(dir, n+".raw")); err != nil {
				t.Fatal(err)
			}
		}
		for name, line := range map[string]string{
			"passwd":  "core:x:500:500:Flatcar Admin:/home/core:/bin/bash",
			"group":   "core:x:500:",
			"shadow":  "core:*:1::::::",
			"gshadow": "core:*::",
		} {
			if err := os.WriteFile(filepath.Join(root, "etc", name), []byte(line+"\n"), 0o600); err != nil {
				t.Fatal(err)
			}
		}
		home := filepath.Join(root, "home", "core")
		if err := os.MkdirAll(home, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.Chown(home, 500, 500); err != nil {
			t.Fatal(err)
		}
	}
}

// TestIgnitionApplies checks that real Ignition applies generated configs
// and leaves the tree the spec describes.
func TestIgnitionApplies(t *testing.T) {
	inPart(t, "ignition")
	t.Run("bakery image by version, built-ins linked to /dev/null", func(t *testing.T) {
		srv := newBlobServer(t)
		img := fakeImage("mydocker", "28.0.4")
		srv.put("/bakery/mydocker-28.0.4-x86-64.raw", img)
		s := spec{ButaneVersion: "1.0.0", Arch: "x86-64", BakeryURL: srv.URL + "/bakery", DisableMethod: "link",
			Disable:    []string{"docker-flatcar", "containerd-flatcar", "torcx-generator"},
			Extensions: []extension{{Name: "mydocker", Version: "28.0.4"}}}
		root := mustIgnite(t, gen(t, t.TempDir(), s), seedFlatcar(t))
		checkTree(t, root, s, map[string][]byte{"mydocker": img})
	})

	t.Run("explicit source with hash and headers, placeholder directories, 1.1.0, pretty strict", func(t *testing.T) {
		srv := newBlobServer(t)
		img := fakeImage("tool", "1")
		src := srv.put("/private/tool.raw", img)
		srv.needHeader("/private/tool.raw", "Authorization", "Bearer abc")
		s := spec{ButaneVersion: "1.1.0", Arch: "arm64", BakeryURL: srv.URL + "/bakery", DisableMethod: "directory",
			Disable: []string{"docker-flatcar", "containerd-flatcar"}, IgnoreWarnings: []string{"directory-mask-ignored"},
			Extensions: []extension{{Name: "tool", Source: src, Hash: sha256Hash(img),
				Headers: map[string]string{"Authorization": "Bearer abc"}}}}
		root := mustIgnite(t, gen(t, t.TempDir(), s, "--pretty", "--strict"), nil)
		checkTree(t, root, s, map[string][]byte{"tool": img})
	})

	t.Run("several extensions, per-extension arch in the bakery name", func(t *testing.T) {
		srv := newBlobServer(t)
		a, b := fakeImage("wasmtime", "24.0.0"), fakeImage("nebula", "1.9.5")
		srv.put("/ext/wasmtime-24.0.0-x86-64.raw", a)
		srv.put("/ext/nebula-1.9.5-arm64.raw", b)
		s := spec{ButaneVersion: "1.0.0", Arch: "x86-64", BakeryURL: srv.URL + "/ext/", DisableMethod: "link",
			Disable: []string{"docker-flatcar"},
			Extensions: []extension{{Name: "wasmtime", Version: "24.0.0"},
				{Name: "nebula", Version: "1.9.5", Arch: "arm64", Hash: sha256Hash(b)}}}
		root := mustIgnite(t, gen(t, t.TempDir(), s), seedFlatcar(t))
		checkTree(t, root, s, map[string][]byte{"wasmtime": a, "nebula": b})
		wantLink(t, root, "/etc/extensions/containerd-flatcar.raw", "/usr/share/flatcar/etc/extensions/containerd-flatcar.raw")
	})
}

// TestIgnitionRejects checks that Ignition stops provisioning when a download
// is not what the spec promised.
func TestIgnitionRejects(t *testing.T) {
	inPart(t, "ignition")
	cases := []struct {
		name, want string
		ext        func(srv *blobServer) extension
	}{
		{"wrong hash", "hash verification failed", func(srv *blobServer) extension {
			return extension{Name: "x", Source: srv.put("/x.raw", fakeImage("x", "1")), Hash: sha256Hash([]byte("other"))}
		}},
		{"404", "resource not found", func(srv *blobServer) extension {
			return extension{Name: "x", Source: srv.URL + "/missing/x.raw"}
		}},
		{"wrong header", "Unauthorized", func(srv *blobServer) extension {
			src := srv.put("/x.raw", fakeImage("x", "1"))
			srv.needHeader("/x.raw", "Authorization", "Bearer right")
			return extension{Name: "x", Source: src, Headers: map[string]string{"Authorization": "Bearer wrong"}}
		}},
		{"missing header", "Unauthorized", func(srv *blobServer) extension {
			src := srv.put("/x.raw", fakeImage("x", "1"))
			srv.needHeader("/x.raw", "Authorization", "Bearer right")
			return extension{Name: "x", Source: src}
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			srv := newBlobServer(t)
			s := spec{ButaneVersion: "1.0.0", Arch: "x86-64", BakeryURL: srv.URL, DisableMethod: "link",
				Extensions: []extension{c.ext(srv)}}
			root, log, err := ignition(t, gen(t, t.TempDir(), s), nil)
			if err == nil {
				t.Fatalf("Ignition applied a config it should have refused; log:\n%s", clip(log))
			}
			if !strings.Contains(log, c.want) {
				t.Errorf("Ignition failed without %q; log:\n%s", c.want, clip(log))
			}
			wantAbsent(t, root, "/etc/extensions/x.raw")
		})
	}
}
