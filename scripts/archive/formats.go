package main

import (
	"archive/tar"
	"archive/zip"
	"compress/flate"
	"compress/gzip"
	"fmt"
	"io"
	"os"
	"time"
)

// writeTarGz writes a ustar archive in a gzip stream whose header carries no name and no time, so that its bytes
// depend only on the entries and mtime.
func writeTarGz(w io.Writer, entries []entry, mtime time.Time) error {
	gz, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return err
	}
	tw := tar.NewWriter(gz)
	for _, e := range entries {
		if e.isDir() {
			hdr := &tar.Header{Typeflag: tar.TypeDir, Name: e.name, Mode: 0o755, ModTime: mtime, Format: tar.FormatUSTAR}
			if err := tw.WriteHeader(hdr); err != nil {
				return err
			}
			continue
		}
		err := copyEntry(e, func(size, mode int64) (io.Writer, error) {
			hdr := &tar.Header{Typeflag: tar.TypeReg, Name: e.name, Mode: mode, Size: size, ModTime: mtime, Format: tar.FormatUSTAR}
			return tw, tw.WriteHeader(hdr)
		})
		if err != nil {
			return err
		}
	}
	if err := tw.Close(); err != nil {
		return err
	}
	return gz.Close()
}

// writeZip writes a zip archive whose entries carry mtime both as MS-DOS time and as a UTC extended timestamp, so
// that unzip tools that read either show the same time.
func writeZip(w io.Writer, entries []entry, mtime time.Time) error {
	zw := zip.NewWriter(w)
	zw.RegisterCompressor(zip.Deflate, func(w io.Writer) (io.WriteCloser, error) {
		return flate.NewWriter(w, flate.BestCompression)
	})
	for _, e := range entries {
		if e.isDir() {
			hdr := &zip.FileHeader{Name: e.name, Method: zip.Store, Modified: mtime}
			hdr.SetMode(os.ModeDir | 0o755)
			if _, err := zw.CreateHeader(hdr); err != nil {
				return err
			}
			continue
		}
		err := copyEntry(e, func(_, mode int64) (io.Writer, error) {
			hdr := &zip.FileHeader{Name: e.name, Method: zip.Deflate, Modified: mtime}
			hdr.SetMode(os.FileMode(mode))
			return zw.CreateHeader(hdr)
		})
		if err != nil {
			return err
		}
	}
	return zw.Close()
}

// copyEntry copies e's file into the entry start opens for the file's size and archive mode, so that both formats
// read and check each file the same way.
func copyEntry(e entry, start func(size, mode int64) (io.Writer, error)) error {
	f, err := os.Open(e.src)
	if err != nil {
		return err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return err
	}
	if !st.Mode().IsRegular() {
		return fmt.Errorf("%s: not a regular file", e.src)
	}
	// 0755 if its owner may execute it, else 0644.
	mode := int64(0o644)
	if st.Mode()&0o100 != 0 {
		mode = 0o755
	}
	w, err := start(st.Size(), mode)
	if err != nil {
		return err
	}
	n, err := io.Copy(w, f)
	if err == nil && n != st.Size() {
		err = io.ErrShortWrite
	}
	return err
}
