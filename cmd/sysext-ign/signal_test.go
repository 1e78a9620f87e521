package main

import (
	"bufio"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// TestSignalRemovesTemporaryFile kills gen -o while its temporary file holds the whole config:
// the file must be gone and the target untouched.
func TestSignalRemovesTemporaryFile(t *testing.T) {
	for _, sig := range []syscall.Signal{syscall.SIGTERM, syscall.SIGINT} {
		dir := t.TempDir()
		paused := filepath.Join(dir, "sysext-ign-paused")
		if err := os.Symlink(os.Args[0], paused); err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(dir, "spec.yaml"), []byte("disable: [torcx-generator]\n"), 0o600)
		os.WriteFile(filepath.Join(dir, "out.ign"), []byte("keep\n"), 0o600)
		cmd := exec.Command(paused, "gen", "-o", "out.ign", "spec.yaml")
		cmd.Dir = dir
		stderr, err := cmd.StderrPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		line, _ := bufio.NewReader(stderr).ReadString('\n')
		if line != "paused\n" {
			cmd.Process.Kill()
			t.Fatalf("%v: the command did not pause before the rename: %q", sig, line)
		}
		temps, _ := filepath.Glob(filepath.Join(dir, ".out.ign.tmp-*"))
		if len(temps) != 1 {
			t.Fatalf("%v: want one temporary file while paused, found %v", sig, temps)
		}
		cmd.Process.Signal(sig)
		exited := make(chan error, 1)
		go func() { exited <- cmd.Wait() }()
		select {
		case err = <-exited:
		case <-time.After(10 * time.Second):
			cmd.Process.Kill()
			t.Fatalf("%v: the command did not end after the signal", sig)
		}
		var ee *exec.ExitError
		if !errors.As(err, &ee) || ee.Sys().(syscall.WaitStatus).Signal() != sig {
			t.Errorf("%v: want death by the signal, got %v", sig, err)
		}
		if temps, _ := filepath.Glob(filepath.Join(dir, ".out.ign.tmp-*")); len(temps) != 0 {
			t.Errorf("%v: temporary file left behind: %v", sig, temps)
		}
		if b, _ := os.ReadFile(filepath.Join(dir, "out.ign")); string(b) != "keep\n" {
			t.Errorf("%v: target changed to %q", sig, b)
		}
	}
}
