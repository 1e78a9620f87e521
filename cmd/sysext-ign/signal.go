package main

import (
	"os"
	"os/signal"
	"syscall"
)

// removeOnSignal removes the temporary file name if SIGINT or SIGTERM arrives before the returned stop is called, so
// that a killed write leaves no copy of the config behind.
func removeOnSignal(name string) (stop func()) {
	sigs := make(chan os.Signal, 1)
	done := make(chan struct{})
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	go func() {
		select {
		case sig := <-sigs:
			os.Remove(name) // harmless after the rename: the name no longer exists
			// Die of that signal as the process would have; Windows cannot re-raise a signal, so there it exits 1.
			signal.Reset(sig)
			if p, err := os.FindProcess(os.Getpid()); err != nil || p.Signal(sig) != nil {
				os.Exit(1)
			}
		case <-done:
		}
	}()
	return func() {
		signal.Stop(sigs)
		close(done)
	}
}
