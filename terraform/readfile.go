package main

import (
	"errors"
	"io"
	"os"
	"syscall"

	"github.com/sysext-ign/sysext-ign/generator"
)

var errNotRegular = errors.New("not a regular file")

// readBounded reads a CA or include file: it opens without blocking and then checks the open descriptor, so the file
// checked is the file read, refuses anything but a regular file (a FIFO would hang the plan) and reads no more than
// the limit.
func readBounded(name string) ([]byte, error) {
	f, err := os.OpenFile(name, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !st.Mode().IsRegular() {
		return nil, errNotRegular
	}
	return io.ReadAll(io.LimitReader(f, generator.MaxSpecBytes+1))
}
