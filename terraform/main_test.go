package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"slices"
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
		checkManifest(t, strings.Split(l, "|")[1])
	case <-time.After(30 * time.Second):
		t.Fatal("no handshake within 30s")
	}
}

// checkManifest holds terraform-registry-manifest.json, which scripts/release publishes as the release's
// _manifest.json, to the registries' format and to the plugin protocol the handshake announced.
func checkManifest(t *testing.T, protocol string) {
	t.Helper()
	b, err := os.ReadFile("terraform-registry-manifest.json")
	if err != nil {
		t.Fatal(err)
	}
	var m struct {
		Version  int
		Metadata struct {
			ProtocolVersions []string `json:"protocol_versions"`
		}
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&m); err != nil || m.Version != 1 || !slices.Equal(m.Metadata.ProtocolVersions, []string{protocol + ".0"}) {
		t.Errorf("terraform-registry-manifest.json is %s (%v); want version 1 and protocol_versions [%q]", b, err, protocol+".0")
	}
}
