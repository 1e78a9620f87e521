package main

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/sysext-ign/sysext-ign/generator"
	"github.com/sysext-ign/sysext-ign/safefile"
)

// TestReadNamedBounded proves a spec cannot make gen read without end through its ca: or include: files.
func TestReadNamedBounded(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"/dev/zero", fifo} {
		if _, err := readNamed(name); !errors.Is(err, safefile.ErrNotRegular) {
			t.Errorf("%s: got %v, want %v", name, err, safefile.ErrNotRegular)
		}
	}
	big := filepath.Join(dir, "big.pem")
	if err := os.WriteFile(big, make([]byte, 3*generator.MaxSpecBytes), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := readNamed(big); !errors.Is(err, safefile.ErrTooLarge) {
		t.Errorf("big file: got %v, want %v", err, safefile.ErrTooLarge)
	}
}

// TestFIFOsNeverHang runs every command that reads a named file on a FIFO, which must be refused, not waited on.
func TestFIFOsNeverHang(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	for name, text := range map[string]string{
		"include.yaml": "include: [fifo]\ndisable: [torcx-generator]\n",
		"ca.yaml":      "ca: [fifo]\ndisable: [torcx-generator]\n",
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	for _, args := range [][]string{
		{"gen", fifo},
		{"gen", filepath.Join(dir, "include.yaml")},
		{"gen", filepath.Join(dir, "ca.yaml")},
		{"validate", fifo, filepath.Join(dir, "include.yaml")},
		{"validate", "--butane", fifo},
		{"lock", fifo},
		{"terraform"},
	} {
		stdin := strings.NewReader(`{"spec_file":"` + fifo + `"}`)
		var stdout, stderr bytes.Buffer
		done := make(chan int, 1)
		go func() { done <- run(args, stdin, &stdout, &stderr) }()
		select {
		case code := <-done:
			if code != exitInvalid || !strings.Contains(stderr.String(), "not a regular file") {
				t.Errorf("%v: exit %d, stderr %q; want 1 and not a regular file", args, code, &stderr)
			}
		case <-time.After(10 * time.Second):
			// A writer releases a reader blocked in open, so the goroutine can end.
			if w, err := os.OpenFile(fifo, os.O_WRONLY|syscall.O_NONBLOCK, 0); err == nil {
				w.Close()
			}
			t.Fatalf("%v hung on a FIFO", args)
		}
	}
}
