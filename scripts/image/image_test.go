package main

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// inputs writes a binary and a CA bundle with the given file time, as two checkouts at different times would.
func inputs(t *testing.T, fileTime time.Time) (bin, ca string) {
	dir := t.TempDir()
	bin, ca = filepath.Join(dir, "sysext-ign"), filepath.Join(dir, "ca.crt")
	for p, body := range map[string]string{bin: "\x7fELF binary", ca: "-----BEGIN CERTIFICATE-----\n"} {
		if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(p, fileTime, fileTime); err != nil {
			t.Fatal(err)
		}
	}
	return bin, ca
}

func build(t *testing.T, arch string, fileTime time.Time) []byte {
	t.Helper()
	bin, ca := inputs(t, fileTime)
	out := filepath.Join(t.TempDir(), "x.oci.tar")
	if err := run([]string{"-mtime", "1700000000", "-arch", arch, "-ref", "sysext-ign:1.2.3", "-bin", bin, "-ca", ca, out}); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// entries reads a tar stream into its headers and contents, in order.
func entries(t *testing.T, r io.Reader) ([]*tar.Header, map[string][]byte) {
	t.Helper()
	var hdrs []*tar.Header
	bodies := map[string][]byte{}
	tr := tar.NewReader(r)
	for {
		h, err := tr.Next()
		if err == io.EOF {
			return hdrs, bodies
		}
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(tr)
		if err != nil {
			t.Fatal(err)
		}
		hdrs, bodies[h.Name] = append(hdrs, h), b
	}
}

// checkHeaders wants the entries in names' order, owned by 0:0 without names, at the -mtime the tests pass.
func checkHeaders(t *testing.T, what string, hdrs []*tar.Header, names []string) {
	t.Helper()
	var got []string
	for _, h := range hdrs {
		got = append(got, h.Name)
		if h.Uid != 0 || h.Gid != 0 || h.Uname != "" || h.Gname != "" || h.ModTime.Unix() != 1700000000 {
			t.Errorf("%s: %s is owned by %d:%d (%q:%q) at %v, want 0:0 at 1700000000", what, h.Name, h.Uid, h.Gid, h.Uname, h.Gname, h.ModTime)
		}
	}
	if !slices.Equal(got, names) {
		t.Errorf("%s holds\n%q\nwant\n%q", what, got, names)
	}
}

// blobOf returns the blob a descriptor names, after checking its digest and size.
func blobOf(t *testing.T, bodies map[string][]byte, d descriptor) []byte {
	t.Helper()
	b, ok := bodies["blobs/sha256/"+strings.TrimPrefix(d.Digest, "sha256:")]
	sum := sha256.Sum256(b)
	if !ok || d.Digest != "sha256:"+hex.EncodeToString(sum[:]) || d.Size != int64(len(b)) {
		t.Fatalf("descriptor %+v does not match its blob (present %v, %d bytes)", d, ok, len(b))
	}
	return b
}

func unmarshal(t *testing.T, b []byte, v any) {
	t.Helper()
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatalf("%v in %s", err, b)
	}
}

// TestReproducible builds the image from two copies of the inputs that differ only in their file times.
func TestReproducible(t *testing.T) {
	for _, arch := range []string{"amd64", "arm64"} {
		if !bytes.Equal(build(t, arch, time.Unix(1, 0)), build(t, arch, time.Now())) {
			t.Errorf("%s: two builds of the same files differ", arch)
		}
	}
}

// TestLayout follows the OCI layout from index.json to the layer, checking every digest on the way, and
// the layer's files, modes and owners.
func TestLayout(t *testing.T) {
	for arch, want := range map[string]platform{
		"amd64": {Architecture: "amd64", OS: "linux"},
		"arm64": {Architecture: "arm64", OS: "linux", Variant: "v8"},
	} {
		t.Run(arch, func(t *testing.T) {
			hdrs, bodies := entries(t, bytes.NewReader(build(t, arch, time.Now())))
			if got := string(bodies["oci-layout"]); got != `{"imageLayoutVersion":"1.0.0"}` {
				t.Errorf("oci-layout is %s", got)
			}
			var idx index
			unmarshal(t, bodies["index.json"], &idx)
			if idx.SchemaVersion != 2 || idx.MediaType != mediaIndex || len(idx.Manifests) != 1 {
				t.Fatalf("index.json: %s", bodies["index.json"])
			}
			md := idx.Manifests[0]
			if md.MediaType != mediaManifest || md.Platform == nil || *md.Platform != want ||
				md.Annotations["org.opencontainers.image.ref.name"] != "sysext-ign:1.2.3" {
				t.Errorf("index.json names the manifest as %+v, platform %+v", md, md.Platform)
			}
			var man manifest
			unmarshal(t, blobOf(t, bodies, md), &man)
			if man.SchemaVersion != 2 || man.MediaType != mediaManifest || man.Config.MediaType != mediaConfig ||
				len(man.Layers) != 1 || man.Layers[0].MediaType != mediaLayer {
				t.Fatalf("manifest: %+v", man)
			}
			var cfg imageConfig
			unmarshal(t, blobOf(t, bodies, man.Config), &cfg)
			gz, err := gzip.NewReader(bytes.NewReader(blobOf(t, bodies, man.Layers[0])))
			if err != nil {
				t.Fatal(err)
			}
			if !gz.ModTime.IsZero() || gz.Name != "" {
				t.Errorf("the layer's gzip header has time %v name %q", gz.ModTime, gz.Name)
			}
			layer, err := io.ReadAll(gz)
			if err != nil {
				t.Fatal(err)
			}
			if cfg.platform != want || cfg.Created != "2023-11-14T22:13:20Z" || cfg.RootFS.Type != "layers" ||
				!slices.Equal(cfg.RootFS.DiffIDs, []string{digest(layer)}) {
				t.Errorf("config: %+v, want platform %+v, the -mtime and the layer's digest %s", cfg, want, digest(layer))
			}
			blobs := []string{"blobs/", "blobs/sha256/"}
			for _, d := range []descriptor{md, man.Config, man.Layers[0]} {
				blobs = append(blobs, "blobs/sha256/"+strings.TrimPrefix(d.Digest, "sha256:"))
			}
			slices.Sort(blobs)
			checkHeaders(t, "the archive", hdrs, append(blobs, "index.json", "manifest.json", "oci-layout"))
			var legacy []dockerManifest
			unmarshal(t, bodies["manifest.json"], &legacy)
			wantLegacy := []dockerManifest{{Config: blobPath(man.Config), RepoTags: []string{"sysext-ign:1.2.3"}, Layers: []string{blobPath(man.Layers[0])}}}
			if len(legacy) != 1 || legacy[0].Config != wantLegacy[0].Config || !slices.Equal(legacy[0].RepoTags, wantLegacy[0].RepoTags) ||
				!slices.Equal(legacy[0].Layers, wantLegacy[0].Layers) {
				t.Errorf("manifest.json is %s, want %+v", bodies["manifest.json"], wantLegacy)
			}

			lh, files := entries(t, bytes.NewReader(layer))
			checkHeaders(t, "the layer", lh, []string{"etc/", "etc/ssl/", "etc/ssl/certs/", "etc/ssl/certs/ca-certificates.crt",
				"usr/", "usr/local/", "usr/local/bin/", "usr/local/bin/sysext-ign", "work/"})
			for _, h := range lh {
				mode, typ := int64(0o755), byte(tar.TypeDir)
				if h.Name == "etc/ssl/certs/ca-certificates.crt" {
					mode, typ = 0o644, tar.TypeReg
				} else if h.Name == "usr/local/bin/sysext-ign" {
					typ = tar.TypeReg
				}
				if h.Mode != mode || h.Typeflag != typ {
					t.Errorf("%s: mode %o type %c, want %o %c", h.Name, h.Mode, h.Typeflag, mode, typ)
				}
			}
			if string(files["usr/local/bin/sysext-ign"]) != "\x7fELF binary" || string(files["etc/ssl/certs/ca-certificates.crt"]) != "-----BEGIN CERTIFICATE-----\n" {
				t.Errorf("the layer does not hold the -bin and -ca files as they are")
			}
		})
	}
}

// TestUsage checks that a missing flag or an unknown -arch fails without leaving an archive behind.
func TestUsage(t *testing.T) {
	bin, ca := inputs(t, time.Now())
	out := filepath.Join(t.TempDir(), "x.oci.tar")
	for _, args := range [][]string{
		{"-mtime", "1", "-arch", "amd64", "-ref", "x:1", "-bin", bin, out},
		{"-mtime", "1", "-arch", "386", "-ref", "x:1", "-bin", bin, "-ca", ca, out},
		{"-mtime", "1", "-arch", "amd64", "-ref", "x:1", "-bin", filepath.Dir(bin), "-ca", ca, out},
	} {
		if err := run(args); err == nil {
			t.Errorf("%q: no error", args)
		}
		if _, err := os.Stat(out); err == nil {
			t.Fatalf("%q left %s behind", args, out)
		}
	}
}
