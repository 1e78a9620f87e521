package main

import (
	"errors"
	"os"
	"path/filepath"
	"syscall"
	"testing"

	"github.com/sysext-ign/sysext-ign/generator"
)

// TestReadNamedBounded proves a spec cannot make gen read without end through its ca: or include: files.
func TestReadNamedBounded(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"/dev/zero", fifo, dir} {
		if _, err := readNamed(name); !errors.Is(err, errNotRegular) {
			t.Errorf("%s: got %v, want %v", name, err, errNotRegular)
		}
	}
	big := filepath.Join(dir, "big.pem")
	if err := os.WriteFile(big, make([]byte, 3*generator.MaxSpecBytes), 0o600); err != nil {
		t.Fatal(err)
	}
	if b, err := readNamed(big); err != nil || len(b) != generator.MaxSpecBytes+1 {
		t.Errorf("big file: read %d bytes, %v; want the limit plus one", len(b), err)
	}
}
