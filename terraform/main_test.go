package main

import (
	"bufio"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"
)

// TestMain lets TestServe run this test binary as the provider itself.
func TestMain(m *testing.M) {
	if os.Getenv("SYSEXTIGN_TEST_SERVE") == "1" {
		main()
		return
	}
	os.Exit(m.Run())
}

// TestServe starts the provider as Terraform does and checks it answers with the plugin handshake on protocol 6,
// so a serve option the plugin server rejects fails here and not only under a real client.
func TestServe(t *testing.T) {
	c := exec.Command(os.Args[0], "-test.run=^$")
	c.Env = append(os.Environ(), "SYSEXTIGN_TEST_SERVE=1", "PLUGIN_PROTOCOL_VERSIONS=6",
		// The handshake cookie every Terraform plugin checks, from the plugin protocol.
		"TF_PLUGIN_MAGIC_COOKIE=d602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2")
	out, err := c.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr strings.Builder
	c.Stderr = &stderr
	if err := c.Start(); err != nil {
		t.Fatal(err)
	}
	defer c.Wait()
	defer c.Process.Kill()
	line := make(chan string, 1)
	go func() {
		s := bufio.NewScanner(out)
		s.Scan()
		line <- s.Text()
	}()
	select {
	case l := <-line:
		if !strings.HasPrefix(l, "1|6|unix|") {
			c.Process.Kill()
			c.Wait() // stderr is complete only once the process is reaped
			t.Errorf("handshake %q, want 1|6|unix|…; stderr:\n%s", l, stderr.String())
		}
	case <-time.After(30 * time.Second):
		t.Fatal("no handshake within 30s")
	}
}
