package e2e

import (
	"encoding/pem"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestIgnitionHeaders checks that top-level headers reach every download,
// that an extension's own header wins over them, and that a server refuses
// a download without the right ones.
func TestIgnitionHeaders(t *testing.T) {
	inPart(t, "ignition")
	for _, fleet := range []string{"Bearer fleet", "Bearer wrong"} {
		t.Run(fleet, func(t *testing.T) {
			srv := newBlobServer(t)
			a, b := fakeImage("a", "1"), fakeImage("b", "2")
			srv.put("/mirror/b-2-x86-64.raw", b)
			s := spec{ButaneVersion: "1.0.0", Arch: "x86-64", BakeryURL: srv.URL + "/mirror", DisableMethod: "link",
				Headers: map[string]string{"Authorization": fleet, "X-Fleet": "edge"},
				Extensions: []extension{{Name: "a", Source: srv.put("/a.raw", a),
					Headers: map[string]string{"Authorization": "Bearer own"}}, {Name: "b", Version: "2"}}}
			srv.needHeader("/a.raw", "Authorization", "Bearer own")
			srv.needHeader("/a.raw", "X-Fleet", "edge")
			srv.needHeader("/mirror/b-2-x86-64.raw", "Authorization", "Bearer fleet")
			srv.needHeader("/mirror/b-2-x86-64.raw", "X-Fleet", "edge")
			root, log, err := ignition(t, gen(t, t.TempDir(), s), nil)
			if fleet == "Bearer wrong" {
				if err == nil || !strings.Contains(log, "Unauthorized") {
					t.Fatalf("want Ignition to fail on a refused download, got err %v; log:\n%s", err, clip(log))
				}
				return
			}
			if err != nil {
				t.Fatalf("Ignition failed: %v", err)
			}
			checkTree(t, root, s, map[string][]byte{"a": a, "b": b})
		})
	}
}

// TestIgnitionCA checks that the spec's ca lets Ignition download from an
// https mirror whose certificate no system store trusts.
func TestIgnitionCA(t *testing.T) {
	inPart(t, "ignition")
	blobs := newBlobServer(t)
	tls := httptest.NewTLSServer(http.HandlerFunc(blobs.serve))
	t.Cleanup(tls.Close)
	img := fakeImage("docker", "28.0.4")
	blobs.put("/sysext/docker-28.0.4-x86-64.raw", img)

	dir := t.TempDir()
	cert := pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: tls.Certificate().Raw})
	if err := os.WriteFile(filepath.Join(dir, "ca.pem"), cert, 0o644); err != nil {
		t.Fatal(err)
	}
	s := spec{ButaneVersion: "1.0.0", Arch: "x86-64", BakeryURL: tls.URL + "/sysext", DisableMethod: "link",
		CA: []string{"ca.pem"}, Extensions: []extension{{Name: "docker", Version: "28.0.4"}}}
	root := mustIgnite(t, gen(t, dir, s), nil)
	checkTree(t, root, s, map[string][]byte{"docker": img})
}
