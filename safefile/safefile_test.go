//go:build unix

package safefile

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// within fails the test if read does not return in time, and unblocks a FIFO reader left waiting.
func within(t *testing.T, fifo string, read func() error) error {
	t.Helper()
	done := make(chan error, 1)
	go func() { done <- read() }()
	select {
	case err := <-done:
		return err
	case <-time.After(5 * time.Second):
		// Opening the FIFO for writing releases a reader blocked in open, so the goroutine ends.
		if w, err := os.OpenFile(fifo, os.O_WRONLY|syscall.O_NONBLOCK, 0); err == nil {
			w.Close()
		}
		t.Fatalf("reading %s hung", fifo)
		return nil
	}
}

func TestReadFileRefusesFIFOWithoutBlocking(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "fifo")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	err := within(t, fifo, func() error { _, err := ReadFile(fifo, 10); return err })
	if !errors.Is(err, ErrNotRegular) {
		t.Fatalf("got %v, want ErrNotRegular", err)
	}
}

// A path swapped between a regular file and a FIFO must never hang a reader: the type is checked on the open descriptor.
func TestReadFileSwappedForFIFONeverBlocks(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "spec")
	stop := make(chan struct{})
	swapped := make(chan struct{})
	go func() {
		defer close(swapped)
		for i := 0; ; i++ {
			select {
			case <-stop:
				return
			default:
			}
			next := filepath.Join(dir, "next")
			if i%2 == 0 {
				os.WriteFile(next, []byte("x"), 0o600)
			} else {
				syscall.Mkfifo(next, 0o600)
			}
			os.Rename(next, path)
		}
	}()
	defer func() { close(stop); <-swapped }()
	deadline := time.Now().Add(2 * time.Second)
	for n := 0; n < 1000000 && time.Now().Before(deadline); n++ {
		err := within(t, path, func() error { _, err := ReadFile(path, 10); return err })
		if err != nil && !errors.Is(err, ErrNotRegular) && !errors.Is(err, fs.ErrNotExist) {
			t.Fatalf("read %d: %v", n, err)
		}
	}
}

func TestReadFile(t *testing.T) {
	dir := t.TempDir()
	small := filepath.Join(dir, "small")
	os.WriteFile(small, []byte("0123456789"), 0o600)
	link := filepath.Join(dir, "link")
	os.Symlink("small", link)
	for _, tc := range []struct {
		name  string
		limit int64
		want  string
		err   error
	}{
		{small, 10, "0123456789", nil},
		{link, 10, "0123456789", nil},
		{small, 9, "", ErrTooLarge},
		{dir, 10, "", syscall.EISDIR},
		{os.DevNull, 10, "", ErrNotRegular},
		{"/dev/zero", 10, "", ErrNotRegular},
		{filepath.Join(dir, "missing"), 10, "", fs.ErrNotExist},
	} {
		got, err := ReadFile(tc.name, tc.limit)
		if string(got) != tc.want || !errors.Is(err, tc.err) {
			t.Errorf("ReadFile(%s, %d) = %q, %v; want %q, %v", tc.name, tc.limit, got, err, tc.want, tc.err)
		}
		var pe *fs.PathError
		if err != nil && (!errors.As(err, &pe) || !strings.Contains(err.Error(), tc.name)) {
			t.Errorf("ReadFile(%s): error %v is not a PathError naming the file", tc.name, err)
		}
	}
}
