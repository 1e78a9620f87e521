package lock

import (
	"encoding/pem"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"testing"
)

// TestLockProvesImagesAnswer shows lock refuses to pin an image its list names but its server does not serve
// where gen points Ignition, and leaves the spec unwritten.
func TestLockProvesImagesAnswer(t *testing.T) {
	b := newBakery(t, map[string]string{"/a/SHA256SUMS": sumsOf("a-1-x86-64.raw"), "/b/SHA256SUMS": sumsOf("b-1-x86-64.raw")})
	delete(b.files, "/b-1-x86-64.raw")
	spec := "bakery_url: " + b.URL + "\nextensions:\n  - {name: a, version: '1'}\n  - {name: b, version: '1'}\n"
	res, rep := Lock("spec.yaml", []byte(spec), fastClient(), nil)
	if res != nil {
		t.Errorf("got a result for an image that is not there: %+v", res)
	}
	checkReport(t, rep, []string{"spec.yaml:4:5: error: " + msgImageUnreachable(b.URL+"/b-1-x86-64.raw", "404 Not Found").msg})
	if b.hits["/b-1-x86-64.raw"] != 1 {
		t.Errorf("asked for the missing image %d times, want once (a 404 is not retried)", b.hits["/b-1-x86-64.raw"])
	}
}

// TestProbeFallsBackToRangedGet shows a server that refuses HEAD is asked for one byte instead, and that the
// answer to that GET decides; a 404 to HEAD is final.
func TestProbeFallsBackToRangedGet(t *testing.T) {
	for _, tc := range []struct {
		name      string
		head, get int
		want      string
		gets      int
	}{
		{"HEAD answers", http.StatusOK, http.StatusTeapot, "", 0},
		{"HEAD not allowed, range served", http.StatusMethodNotAllowed, http.StatusPartialContent, "", 1},
		{"presigned URL refuses HEAD, range ignored", http.StatusForbidden, http.StatusOK, "", 1},
		{"HEAD not implemented, GET missing", http.StatusNotImplemented, http.StatusNotFound, "404 Not Found", 1},
		{"HEAD missing", http.StatusNotFound, http.StatusOK, "404 Not Found", 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var mu sync.Mutex
			var ranges []string
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if r.Method == http.MethodHead {
					w.WriteHeader(tc.head)
					return
				}
				mu.Lock()
				ranges = append(ranges, r.Header.Get("Range"))
				mu.Unlock()
				w.WriteHeader(tc.get)
				w.Write([]byte("x"))
			}))
			defer srv.Close()
			err := fastClient().probe(t.Context(), srv.URL+"/a.raw", nil)
			if got := errText(err); got != tc.want {
				t.Errorf("probe: %q, want %q", got, tc.want)
			}
			if len(ranges) != tc.gets || tc.gets > 0 && ranges[0] != "bytes=0-0" {
				t.Errorf("GETs with Range %q, want %d asking for bytes=0-0", ranges, tc.gets)
			}
		})
	}
}

func errText(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

// TestLockReadsUpdateListsAsSysupdate shows the list the node's systemd-sysupdate reads is fetched as sysupdate
// fetches it, without the image's headers, while a list only lock reads still gets them.
func TestLockReadsUpdateListsAsSysupdate(t *testing.T) {
	const secret = "Bearer s3cret-value"
	b := newBakery(t, map[string]string{"/a/SHA256SUMS": sumsOf("a-1-x86-64.raw"), "/u/SHA256SUMS": sumsOf("u-1-x86-64.raw")})
	b.needAuth = secret
	head := "bakery_url: " + b.URL + "\nheaders: {Authorization: " + secret + "}\nextensions:\n"
	if res, rep := Lock("spec.yaml", []byte(head+"  - {name: a, version: '1'}\n"), fastClient(), nil); res == nil || len(rep) > 0 {
		t.Errorf("a list only lock reads should be fetched with the image's headers: %v", rep)
	}
	_, rep := Lock("spec.yaml", []byte(head+"  - {name: u, version: '1', update: true}\n"), fastClient(), nil)
	checkReport(t, rep, []string{"spec.yaml:4:5: error: " + msgFetchList(b.URL+"/u/SHA256SUMS", "401 Unauthorized", true).msg})
}

// TestLockTrustsSpecCAForImagesOnly shows the spec's ca: is trusted for images, as Ignition trusts it, but not for
// an update list, which the node's systemd-sysupdate reads with the system's CAs alone.
func TestLockTrustsSpecCAForImagesOnly(t *testing.T) {
	var srv *httptest.Server
	srv = httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/a/SHA256SUMS", "/u/SHA256SUMS":
			name := strings.Split(r.URL.Path, "/")[1]
			w.Write([]byte(sumsOf(name + "-1-x86-64.raw")))
		case "/a-1-x86-64.raw", "/u-1-x86-64.raw":
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	caPEM := pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: srv.Certificate().Raw})
	files := func(name string) ([]byte, error) {
		if name == "ca.pem" {
			return caPEM, nil
		}
		return nil, os.ErrNotExist
	}
	head := "ca: [ca.pem]\nbakery_url: " + srv.URL + "\nextensions:\n"
	if res, rep := Lock("spec.yaml", []byte(head+"  - {name: a, version: '1'}\n"), fastClient(), files); res == nil || len(rep) > 0 {
		t.Errorf("the image and a list only lock reads should be trusted through ca: %v", rep)
	}
	_, rep := Lock("spec.yaml", []byte(head+"  - {name: u, version: '1', update: true}\n"), fastClient(), files)
	if len(rep) != 1 || rep[0].Code != "fetch-failed" || !strings.Contains(rep[0].Message, "certificate signed by unknown authority") {
		t.Errorf("an update list behind a CA only ca: names should fail as on the node, got %v", rep)
	}
}

// TestLockProbesPinnedUpdateSources shows plain lock, which reads no list of a pinned extension, still asks whether
// its update list and, with verify, its signature answer, as the node's sysupdate will fetch them.
func TestLockProbesPinnedUpdateSources(t *testing.T) {
	mirror := newSigner(t, "mirror")
	pinned := "    hash: sha256-" + hexA + "\n"
	for _, tc := range []struct {
		name    string
		files   map[string]string
		verify  bool
		want    string
		noProbe bool
	}{
		{"all there", map[string]string{"/u/SHA256SUMS": sumsOf("a-1-x86-64.raw"), "/u/SHA256SUMS.gpg": "sig"}, true, "", false},
		{"list missing", map[string]string{"/u/SHA256SUMS.gpg": "sig"}, true, "fetch-failed", false},
		{"signature missing", map[string]string{"/u/SHA256SUMS": sumsOf("a-1-x86-64.raw")}, true, "signature-missing", false},
		{"no verify, no signature asked", map[string]string{"/u/SHA256SUMS": sumsOf("a-1-x86-64.raw")}, false, "", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tc.files["/a-1-x86-64.raw"] = "image"
			b := newBakery(t, tc.files)
			spec := "update_keyring: keys.gpg\nextensions:\n  - name: a\n    version: '1'\n    source: " + b.URL + "/a-1-x86-64.raw\n" + pinned +
				"    update: {source: '" + b.URL + "/u/', verify: " + map[bool]string{true: "true", false: "false"}[tc.verify] + "}\n"
			if !tc.verify {
				spec = strings.Replace(spec, "update_keyring: keys.gpg\n", "", 1)
			}
			res, rep := Lock("spec.yaml", []byte(spec), fastClient(), keyringFile(mirror.public))
			if tc.want == "" {
				if res == nil || len(rep) > 0 {
					t.Fatalf("want nothing to do, got %v", rep)
				}
			} else if len(rep) != 1 || string(rep[0].Code) != tc.want || rep[0].Line != 3 {
				t.Fatalf("want one %s at line 3, got %v", tc.want, rep)
			}
			if b.hits["/u/SHA256SUMS"] != 1 {
				t.Errorf("asked for the update list %d times, want once", b.hits["/u/SHA256SUMS"])
			}
			if got := b.hits["/u/SHA256SUMS.gpg"]; (got == 0) != tc.noProbe {
				t.Errorf("asked for the signature %d times", got)
			}
		})
	}
}

// TestLockSignedMirrorOfBakeryImage shows that a bakery image updating from a signed mirror is pinned from the
// bakery's list, which nothing signs, while the mirror's list is the one whose signature is asked for.
func TestLockSignedMirrorOfBakeryImage(t *testing.T) {
	mirror := newSigner(t, "mirror")
	b := newBakery(t, map[string]string{"/a/SHA256SUMS": sumsOf("a-1-x86-64.raw"), "/m/SHA256SUMS": sumsOf("a-1-x86-64.raw"), "/m/SHA256SUMS.gpg": "sig"})
	spec := "bakery_url: " + b.URL + "\nupdate_keyring: keys.gpg\nextensions:\n  - name: a\n    version: '1'\n" +
		"    update: {source: '" + b.URL + "/m/', verify: true}\n"
	res, rep := Lock("spec.yaml", []byte(spec), fastClient(), keyringFile(mirror.public))
	if res == nil || len(rep) > 0 || len(res.Changes) != 1 {
		t.Fatalf("want a pin, got %v", rep)
	}
	if b.hits["/a/SHA256SUMS.gpg"] != 0 || b.hits["/m/SHA256SUMS.gpg"] != 1 {
		t.Errorf("signatures asked for: %v", b.hits)
	}
}
