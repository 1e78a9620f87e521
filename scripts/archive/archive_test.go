package main

import (
	"archive/tar"
	"archive/zip"
	"bytes"
	"compress/gzip"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// inputs writes a README, an executable and a directory of docs with the given file mtime, as two checkouts
// at different times would, and returns the README, the executable and the directory.
func inputs(t *testing.T, fileTime time.Time) []string {
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, "docs"), 0o775); err != nil {
		t.Fatal(err)
	}
	files := map[string]os.FileMode{"README.md": 0o664, "tool": 0o775, "docs/a.md": 0o600}
	paths := []string{filepath.Join(dir, "docs")}
	for name, mode := range files {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte("contents of "+name), mode); err != nil {
			t.Fatal(err)
		}
		if err := os.Chmod(p, mode); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(p, fileTime, fileTime); err != nil {
			t.Fatal(err)
		}
		if filepath.Dir(name) == "." {
			paths = append(paths, p)
		}
	}
	return paths
}

func build(t *testing.T, name string, files []string) []byte {
	out := filepath.Join(t.TempDir(), name)
	if err := run(append([]string{"-mtime", "1700000000", "-dir", "pkg", out}, files...)); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestReproducible builds each format from two copies that differ in file times and argument order.
func TestReproducible(t *testing.T) {
	a := inputs(t, time.Unix(1, 0))
	b := inputs(t, time.Now())
	b[0], b[2] = b[2], b[0]
	for _, name := range []string{"x.tar.gz", "x.zip"} {
		if !bytes.Equal(build(t, name, a), build(t, name, b)) {
			t.Errorf("%s differs between two builds of the same files", name)
		}
	}
}

// TestTarHeaders checks the entries' order, owner, mode and time, and a gzip header without a time.
func TestTarHeaders(t *testing.T) {
	gz, err := gzip.NewReader(bytes.NewReader(build(t, "x.tar.gz", inputs(t, time.Now()))))
	if err != nil {
		t.Fatal(err)
	}
	if !gz.ModTime.IsZero() || gz.Name != "" {
		t.Errorf("gzip header has time %v name %q", gz.ModTime, gz.Name)
	}
	tr := tar.NewReader(gz)
	want := []struct {
		name string
		mode int64
	}{{"pkg/", 0o755}, {"pkg/README.md", 0o644}, {"pkg/docs/", 0o755}, {"pkg/docs/a.md", 0o644}, {"pkg/tool", 0o755}}
	for _, w := range want {
		h, err := tr.Next()
		if err != nil {
			t.Fatalf("want %s: %v", w.name, err)
		}
		if h.Name != w.name || h.Mode != w.mode || h.Uid != 0 || h.Gid != 0 || h.Uname != "" || h.Gname != "" ||
			h.ModTime.Unix() != 1700000000 {
			t.Errorf("entry %+v, want %s mode %o owned by 0:0 at 1700000000", h, w.name, w.mode)
		}
	}
	if _, err := tr.Next(); err == nil {
		t.Error("more entries than the files given")
	}
}

// TestZipHeaders checks the entries' order, mode and time.
func TestZipHeaders(t *testing.T) {
	b := build(t, "x.zip", inputs(t, time.Now()))
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	want := []struct {
		name string
		mode os.FileMode
	}{{"pkg/", os.ModeDir | 0o755}, {"pkg/README.md", 0o644}, {"pkg/docs/", os.ModeDir | 0o755}, {"pkg/docs/a.md", 0o644}, {"pkg/tool", 0o755}}
	if len(zr.File) != len(want) {
		t.Fatalf("%d entries, want %d", len(zr.File), len(want))
	}
	for i, w := range want {
		f := zr.File[i]
		if f.Name != w.name || f.Mode() != w.mode || !f.Modified.Equal(time.Unix(1700000000, 0)) {
			t.Errorf("entry %s mode %v time %v, want %s mode %v at 1700000000", f.Name, f.Mode(), f.Modified, w.name, w.mode)
		}
	}
}
