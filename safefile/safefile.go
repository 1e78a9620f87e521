// Package safefile reads files a user names without letting the name hang or exhaust the process.
//
// A FIFO, a terminal or a device can block an open or a read forever, and a path can be swapped for one
// between a stat and an open, so the only trustworthy check is fstat on the descriptor actually opened.
package safefile

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"syscall"
)

// ErrNotRegular is the reason for refusing a FIFO, device, socket or directory.
var ErrNotRegular = errors.New("not a regular file")

// ErrTooLarge is the reason for refusing a file longer than the caller's limit.
var ErrTooLarge = errors.New("file is larger than the limit")

// openFlags never wait for a FIFO's writer and never make a terminal the controlling one.
const openFlags = os.O_RDONLY | syscall.O_NONBLOCK | syscall.O_NOCTTY

// Open opens name without blocking and returns it only when the open descriptor is a regular file, since only fstat
// on the descriptor opened tells what the name is.
func Open(name string) (*os.File, error) {
	f, err := os.OpenFile(name, openFlags, 0)
	if err != nil {
		return nil, err
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, err
	}
	if !st.Mode().IsRegular() {
		f.Close()
		// Errors are *fs.PathError: a directory gives syscall.EISDIR, any other type ErrNotRegular.
		why := ErrNotRegular
		if st.IsDir() {
			why = syscall.EISDIR
		}
		return nil, &fs.PathError{Op: "open", Path: name, Err: why}
	}
	return f, nil
}

// ReadFile reads a regular file, opened as Open does, of at most limit bytes, so that a named file cannot exhaust memory.
func ReadFile(name string, limit int64) ([]byte, error) {
	f, err := Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(b)) > limit {
		// Errors are *fs.PathError, and errors.Is(err, ErrTooLarge) tells a file over the limit.
		return nil, &fs.PathError{Op: "read", Path: name, Err: ErrTooLarge}
	}
	return b, nil
}
