package lock

import (
	"bufio"
	"encoding/pem"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode"

	"github.com/sysext-ign/sysext-ign/generator"
)

// bakery is a fake sysext-bakery on 127.0.0.1 that counts requests and can demand a header.
type bakery struct {
	*httptest.Server
	files    map[string]string
	status   map[string][]int // answers to give before serving the file, one per request
	needAuth string           // if set, the Authorization value every request must carry
	mu       sync.Mutex
	hits     map[string]int
	auths    []string // Authorization values received, to prove where secrets went
}

// newBakery serves files, and each image a SHA256SUMS among them lists at bakery_url/IMAGE, where gen points Ignition.
func newBakery(t *testing.T, files map[string]string) *bakery {
	b := &bakery{files: withImages(files), status: map[string][]int{}, hits: map[string]int{}}
	b.Server = httptest.NewServer(http.HandlerFunc(b.serve))
	t.Cleanup(b.Close)
	return b
}

func (b *bakery) serve(w http.ResponseWriter, r *http.Request) {
	b.mu.Lock()
	b.hits[r.URL.Path]++
	b.auths = append(b.auths, r.Header.Get("Authorization"))
	var code int
	if s := b.status[r.URL.Path]; len(s) > 0 {
		code, b.status[r.URL.Path] = s[0], s[1:]
	}
	b.mu.Unlock()
	body, ok := b.files[r.URL.Path]
	switch {
	case code != 0:
		w.WriteHeader(code)
	case b.needAuth != "" && r.Header.Get("Authorization") != b.needAuth:
		w.WriteHeader(http.StatusUnauthorized)
	case !ok:
		http.NotFound(w, r)
	default:
		w.Write([]byte(body))
	}
}

// withImages adds to files an image at /FILE for each FILE a SHA256SUMS among them lists.
func withImages(files map[string]string) map[string]string {
	out := map[string]string{}
	for p, body := range files {
		out[p] = body
		if !strings.HasSuffix(p, "/SHA256SUMS") {
			continue
		}
		for _, line := range strings.Split(body, "\n") {
			if len(line) > 66 {
				out["/"+strings.TrimPrefix(line[66:], "*")] = "image"
			}
		}
	}
	for p, body := range files {
		out[p] = body
	}
	return out
}

func fastClient() *Client {
	c := NewClient()
	c.Backoff = time.Millisecond
	return c
}

func sumsOf(files ...string) string {
	var b strings.Builder
	for i, f := range files {
		b.WriteString(strings.Repeat(string(rune('a'+i)), 64) + "  " + f + "\n")
	}
	return b.String()
}

func TestLockPins(t *testing.T) {
	b := newBakery(t, map[string]string{
		"/docker/SHA256SUMS": sumsOf("docker-27.5.1-x86-64.raw", "docker-28.0.4-x86-64.raw", "docker-28.0.4-arm64.raw"),
		"/kubernetes/SHA256SUMS": sumsOf("kubernetes-v1.32.9-x86-64.raw", "kubernetes-v1.32.10-x86-64.raw",
			"kubernetes-v1.33.1-x86-64.raw", "kubernetes-v1.32.11-arm64.raw", "kubernetes-v1.32.12~rc1-x86-64.raw"),
		"/pinned-1-x86-64.raw": "image",
	})
	spec := "bakery_url: " + b.URL + "\nextensions:\n" +
		"  - name: docker\n    version: 28.0.4\n" +
		"  - name: kubernetes\n    version: latest\n    update: {series: v1.32}\n" +
		"  - name: pinned\n    version: '1'\n    hash: sha256-" + hexA + "\n"
	res, rep := Lock("spec.yaml", []byte(spec), fastClient(), nil)
	if len(rep) > 0 || res == nil {
		t.Fatalf("unexpected report:\n%v", rep)
	}
	want := []string{
		"docker: hash sha256-" + hexB,
		"kubernetes: version latest -> v1.32.10, hash sha256-" + hexB,
	}
	if len(res.Changes) != 2 || res.Changes[0].String() != want[0] || res.Changes[1].String() != want[1] {
		t.Errorf("changes %v, want %v", res.Changes, want)
	}
	if !strings.Contains(string(res.Spec), "  - name: kubernetes\n    version: v1.32.10\n    hash: sha256-"+hexB+"\n    update: {series: v1.32}\n") {
		t.Errorf("spec not edited as expected:\n%s", res.Spec)
	}
	if b.hits["/kubernetes/SHA256SUMS"] != 1 {
		t.Errorf("kubernetes/SHA256SUMS fetched %d times, want once", b.hits["/kubernetes/SHA256SUMS"])
	}
}

func TestLockLatestAcrossFolder(t *testing.T) {
	b := newBakery(t, map[string]string{
		"/k/SHA256SUMS": sumsOf("k-v1.32.10-x86-64.raw", "k-v1.33.1-x86-64.raw", "k-v1.34.0~rc1-x86-64.raw", "k-v1.99-arm64.raw"),
	})
	spec := "bakery_url: " + b.URL + "\nextensions:\n  - name: k\n    version: latest\n"
	res, rep := Lock("spec.yaml", []byte(spec), fastClient(), nil)
	if len(rep) > 0 || len(res.Changes) != 1 || res.Changes[0].Version != "v1.33.1" {
		t.Fatalf("got %v, %v; want v1.33.1 (a ~ version is not one sysupdate matches, arm64 is another arch)", res, rep)
	}
}

// TestLockAllOrNothing shows that one failure leaves no result, and each failure names its URL.
func TestLockAllOrNothing(t *testing.T) {
	b := newBakery(t, map[string]string{
		"/a/SHA256SUMS": sumsOf("a-1-x86-64.raw"),
		"/c/SHA256SUMS": sumsOf("c-1-x86-64.raw"),
		"/d/SHA256SUMS": "<html>login</html>\n",
	})
	spec := "bakery_url: " + b.URL + "\nextensions:\n" +
		"  - name: a\n    version: '1'\n" +
		"  - name: b\n    version: '1'\n" +
		"  - name: c\n    version: '2'\n" +
		"  - name: d\n    version: '1'\n" +
		"  - name: e\n    version: latest\n    source: https://mirror.example/e.raw\n"
	res, rep := Lock("spec.yaml", []byte(spec), fastClient(), nil)
	if res != nil {
		t.Errorf("got a result despite errors: %v", res.Changes)
	}
	want := []string{
		"spec.yaml:5:5: error: fetching " + b.URL + "/b/SHA256SUMS: 404 Not Found",
		"spec.yaml:8:14: error: " + b.URL + "/c/SHA256SUMS has no line for c-2-x86-64.raw; check version and arch, and that the image is published",
		"spec.yaml:9:5: error: " + b.URL + "/d/SHA256SUMS is not a checksum list systemd-sysupdate accepts: line 1 is not \"<64 hex digits>  FILE\" as sha256sum writes it",
		"spec.yaml:12:14: error: " + msgLatestOwnSource.msg,
	}
	checkReport(t, rep, want)
	if b.hits["/b/SHA256SUMS"] != 1 {
		t.Errorf("a 404 was fetched %d times, want once (no retry)", b.hits["/b/SHA256SUMS"])
	}
}

func TestLockRetries(t *testing.T) {
	b := newBakery(t, map[string]string{"/a/SHA256SUMS": sumsOf("a-1-x86-64.raw"), "/b/SHA256SUMS": sumsOf("b-1-x86-64.raw")})
	b.status["/a/SHA256SUMS"] = []int{503, 429}
	b.status["/b/SHA256SUMS"] = []int{500, 502, 503, 504}
	spec := "bakery_url: " + b.URL + "\nextensions:\n  - name: a\n    version: '1'\n"
	if res, rep := Lock("spec.yaml", []byte(spec), fastClient(), nil); res == nil || len(rep) > 0 {
		t.Errorf("a 503 then a 429 then the list should lock; got %v", rep)
	}
	if b.hits["/a/SHA256SUMS"] != 3 {
		t.Errorf("fetched %d times, want 3", b.hits["/a/SHA256SUMS"])
	}
	spec = "bakery_url: " + b.URL + "\nextensions:\n  - name: b\n    version: '1'\n"
	_, rep := Lock("spec.yaml", []byte(spec), fastClient(), nil)
	checkReport(t, rep, []string{"spec.yaml:3:5: error: fetching " + b.URL + "/b/SHA256SUMS: 503 Service Unavailable (gave up after 3 tries)"})
	if b.hits["/b/SHA256SUMS"] != 3 {
		t.Errorf("fetched %d times, want 3", b.hits["/b/SHA256SUMS"])
	}
}

func TestLockTimeout(t *testing.T) {
	done := make(chan struct{})
	slow := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-done:
		}
	}))
	defer slow.Close()
	defer close(done)
	c := fastClient()
	c.HTTP.Timeout = 20 * time.Millisecond
	spec := "bakery_url: " + slow.URL + "\nextensions:\n  - name: a\n    version: '1'\n"
	_, rep := Lock("spec.yaml", []byte(spec), c, nil)
	checkReport(t, rep, []string{"spec.yaml:3:5: error: fetching " + slow.URL + "/a/SHA256SUMS: timed out after 0.02 s (gave up after 3 tries)"})
}

// TestLockHeaders shows that headers reach the image's server, are never printed, and never go to another server.
func TestLockHeaders(t *testing.T) {
	const secret = "Bearer s3cret-value"
	private := newBakery(t, map[string]string{"/a/SHA256SUMS": sumsOf("a-1-x86-64.raw"), "/b-1-x86-64.raw": "image"})
	private.needAuth = secret
	other := newBakery(t, map[string]string{"/b/SHA256SUMS": sumsOf("b-1-x86-64.raw")})
	redirect := newBakery(t, nil)
	redirect.Config.Handler = http.RedirectHandler(other.URL+"/b/SHA256SUMS", http.StatusFound)
	spec := "bakery_url: " + private.URL + "\nextensions:\n" +
		"  - name: a\n    version: '1'\n    headers: {Authorization: " + secret + "}\n" +
		"  - name: b\n    version: '1'\n    source: " + private.URL + "/b-1-x86-64.raw\n    headers: {Authorization: " + secret + "}\n" +
		"    update: {source: " + other.URL + "/b/}\n" +
		"  - name: c\n    version: '1'\n    source: " + redirect.URL + "/c.raw\n    headers: {Authorization: " + secret + "}\n" +
		"    update: {source: " + redirect.URL + "/c/}\n"
	_, rep := Lock("spec.yaml", []byte(spec), fastClient(), nil)
	if private.hits["/a/SHA256SUMS"] != 1 || other.hits["/b/SHA256SUMS"] != 2 {
		t.Errorf("hits: private %v, other %v", private.hits, other.hits)
	}
	for _, a := range other.auths {
		if a != "" {
			t.Errorf("another server received the Authorization header %q", a)
		}
	}
	// c follows the redirect to other's b list, which has no c line: an error, and the report must not leak.
	checkReport(t, rep, []string{"spec.yaml:12:14: error: " + redirect.URL + "/c/SHA256SUMS has no line for c-1-x86-64.raw; check version and arch, and that the image is published"})
	for _, d := range rep {
		if strings.Contains(d.String(), "s3cret") {
			t.Errorf("a diagnostic prints a header value: %s", d)
		}
	}
}

func TestLockNothingToDo(t *testing.T) {
	b := newBakery(t, map[string]string{"/a.raw": "image", "/b-1-x86-64.raw": "image"})
	spec := "bakery_url: " + b.URL + "\nextensions:\n  - name: a\n    source: " + b.URL + "/a.raw\n  - name: b\n    version: '1'\n    hash: sha256-" + hexA + "\n"
	res, rep := Lock("spec.yaml", []byte(spec), fastClient(), nil)
	if res == nil || res.Spec != nil || len(res.Changes) != 0 {
		t.Errorf("got %+v, want an empty result", res)
	}
	checkReport(t, rep, []string{"spec.yaml:4:13: warning: " + msgNotLockable.msg + " [not-lockable]"})
	if b.hits["/b/SHA256SUMS"] != 0 || b.hits["/a.raw"] != 1 || b.hits["/b-1-x86-64.raw"] != 1 {
		t.Errorf("plain lock reads no list of a pinned extension, and asks for each image once; hits %v", b.hits)
	}

	_, rep = Lock("spec.yaml", []byte("ignore_warnings: [not-lockable]\n"+spec), fastClient(), nil)
	checkReport(t, rep, nil)
}

// TestLockCountsLinesAsGen shows that a spec gen accepts, with CR-only line endings or a line separator in a
// comment, is one lock can pin too: both count lines as yaml.v3 does.
func TestLockCountsLinesAsGen(t *testing.T) {
	b := newBakery(t, map[string]string{"/docker/SHA256SUMS": sumsOf("docker-28.0.4-x86-64.raw")})
	for _, spec := range []string{
		"bakery_url: " + b.URL + "\rextensions:\r  - name: docker\r    version: 28.0.4\r",
		"# fleet\u2028bakery_url: " + b.URL + "\nextensions:\n  - name: docker # engine\u2029    version: 28.0.4\n",
	} {
		if _, rep := generator.Generate("spec.yaml", []byte(spec), generator.Options{}); rep.HasErrors() {
			t.Fatalf("gen refuses %q: %v", spec, rep)
		}
		res, rep := Lock("spec.yaml", []byte(spec), fastClient(), nil)
		if rep.HasErrors() || res == nil || !strings.Contains(string(res.Spec), "hash: sha256-"+hexA) {
			t.Errorf("lock on %q: %v, %+v", spec, rep, res)
		}
	}
}

// TestLockRefusesInvalidSpec shows lock reports the spec's own errors and fetches nothing.
func TestLockRefusesInvalidSpec(t *testing.T) {
	b := newBakery(t, nil)
	spec := "bakery_url: " + b.URL + "\narch: i386\nextensions:\n  - name: a\n    version: latest\n    hash: sha256-" + hexA + "\n"
	_, rep := Lock("spec.yaml", []byte(spec), fastClient(), nil)
	checkReport(t, rep, []string{`spec.yaml:2:7: error: unknown arch "i386"; use x86-64 or arm64`})
	spec = "bakery_url: " + b.URL + "\nextensions:\n  - name: a\n    version: latest\n    hash: sha256-" + hexA + "\n"
	_, rep = Lock("spec.yaml", []byte(spec), fastClient(), nil)
	checkReport(t, rep, []string{"spec.yaml:5:11: error: " + msgHashWithLatest.msg})
	if len(b.hits) != 0 {
		t.Errorf("fetched %v for a spec lock refuses", b.hits)
	}
}

func checkReport(t *testing.T, rep generator.Report, want []string) {
	t.Helper()
	got := make([]string, len(rep))
	for i, d := range rep {
		got[i] = d.String()
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("report:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestLockSpliceFailure shows a spec lock cannot edit safely is left alone, with the pins to add by hand.
func TestLockSpliceFailure(t *testing.T) {
	b := newBakery(t, map[string]string{"/a/SHA256SUMS": sumsOf("a-1-x86-64.raw")})
	spec := "bakery_url: " + b.URL + "\nextensions:\n  - name: a\n    version: latest\n"
	spec = strings.ReplaceAll(spec, "version: latest", "version: !!str latest")
	res, rep := Lock("spec.yaml", []byte(spec), fastClient(), nil)
	if res != nil {
		t.Errorf("got a result: %+v", res)
	}
	checkReport(t, rep, []string{"spec.yaml: error: cannot write the pins into the spec without changing anything else (the version of the extension on line 3 is not a plain or quoted scalar); nothing was written; add them by hand: a: version latest -> 1, hash sha256-" + hexA})
}

func TestLockMasksURLPassword(t *testing.T) {
	b := newBakery(t, nil)
	u := strings.Replace(b.URL, "http://", "http://user:pa55word@", 1)
	_, rep := Lock("spec.yaml", []byte("bakery_url: "+u+"\nextensions:\n  - name: a\n    version: '1'\n"), fastClient(), nil)
	masked := strings.Replace(b.URL, "http://", "http://user:xxxxx@", 1)
	checkReport(t, rep, []string{"spec.yaml:3:5: error: fetching " + masked + "/a/SHA256SUMS: 404 Not Found"})
}

// TestLockTrustsSpecCA proves lock reaches a mirror behind a private CA exactly when the spec names that CA.
func TestLockTrustsSpecCA(t *testing.T) {
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, sumsOf("tool-1.0-x86-64.raw"))
	}))
	defer srv.Close()
	caPEM := string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: srv.Certificate().Raw}))
	files := func(name string) ([]byte, error) {
		if name == "ca.pem" {
			return []byte(caPEM), nil
		}
		return nil, os.ErrNotExist
	}
	spec := "bakery_url: " + srv.URL + "\nextensions:\n  - name: tool\n    version: '1.0'\n"
	if res, rep := Lock("spec.yaml", []byte("ca: [ca.pem]\n"+spec), fastClient(), files); res == nil || rep.HasErrors() {
		t.Fatalf("with the CA, lock failed:\n%v", rep)
	}
	if _, rep := Lock("spec.yaml", []byte(spec), fastClient(), files); !rep.HasErrors() || !strings.Contains(rep[0].Message, "certificate") {
		t.Fatalf("without the CA, lock should fail TLS verification, got:\n%v", rep)
	}
}

// rawServer answers every request on 127.0.0.1 with the given bytes, so a test can send a status line net/http would not.
func rawServer(t *testing.T, answer string) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	go func() {
		for {
			conn, err := ln.Accept()
			if err != nil {
				return
			}
			go func() {
				defer conn.Close()
				bufio.NewReader(conn).ReadString('\n')
				io.WriteString(conn, answer)
			}()
		}
	}()
	return "http://" + ln.Addr().String()
}

// TestLockHidesReasonPhrase shows a server's own reason phrase, which may echo a header or carry terminal escapes, is never printed.
func TestLockHidesReasonPhrase(t *testing.T) {
	for code, want := range map[string]string{"404": "404 Not Found", "499": "HTTP status 499"} {
		u := rawServer(t, "HTTP/1.1 "+code+" Authorization: Bearer s3cret \x1b[2J\x07\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
		spec := "bakery_url: " + u + "\nextensions:\n  - name: a\n    version: '1'\n"
		_, rep := Lock("spec.yaml", []byte(spec), fastClient(), nil)
		checkReport(t, rep, []string{"spec.yaml:3:5: error: fetching " + u + "/a/SHA256SUMS: " + want})
	}
}

// TestMsgFetchEscaped shows that text from a server, such as a certificate's names in a TLS error, reaches the
// printed line escaped, so a server cannot move the cursor or clear the terminal of whoever runs lock.
func TestMsgFetchEscaped(t *testing.T) {
	got := msgFetch("https://h/SUMS", "x509: certificate is valid for \x1b]0;evil\x07a\x1b[2J\u202e, not h").at("spec.yaml", generator.Pos{Line: 3, Col: 5}).String()
	if want := `spec.yaml:3:5: error: fetching https://h/SUMS: x509: certificate is valid for \x1b]0;evil\x07a\x1b[2J\u202e, not h`; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	if i := strings.IndexFunc(got, func(r rune) bool { return unicode.IsControl(r) || unicode.Is(unicode.Cf, r) }); i >= 0 {
		t.Errorf("the line holds a raw control or format character at byte %d: %q", i, got)
	}
}

// TestLockDeadline shows one deadline bounds the whole run against a mirror that never answers, with lists fetched at once.
func TestLockDeadline(t *testing.T) {
	done := make(chan struct{})
	silent := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-done:
		}
	}))
	defer silent.Close()
	defer close(done)
	c := fastClient()
	c.Deadline = 300 * time.Millisecond
	spec := "bakery_url: " + silent.URL + "\nextensions:\n  - {name: a, version: '1'}\n  - {name: b, version: '1'}\n  - {name: c, version: '1'}\n"
	start := time.Now()
	_, rep := Lock("spec.yaml", []byte(spec), c, nil)
	if took := time.Since(start); took > 2*time.Second {
		t.Errorf("took %v with a deadline of %v", took, c.Deadline)
	}
	var want []string
	for i, n := range []string{"a", "b", "c"} {
		want = append(want, fmt.Sprintf("spec.yaml:%d:5: error: fetching %s/%s/SHA256SUMS: timed out after 0.3 s, the time limit for the whole lock run", 3+i, silent.URL, n))
	}
	checkReport(t, rep, want)
}

// TestLockFetchesAFewAtOnce shows lists are fetched concurrently, but never more than parallel at a time.
func TestLockFetchesAFewAtOnce(t *testing.T) {
	var mu sync.Mutex
	inFlight, most := 0, 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		inFlight++
		most = max(most, inFlight)
		mu.Unlock()
		time.Sleep(50 * time.Millisecond)
		mu.Lock()
		inFlight--
		mu.Unlock()
		name := strings.Split(r.URL.Path, "/")[1]
		io.WriteString(w, sumsOf(name+"-1-x86-64.raw"))
	}))
	defer srv.Close()
	spec := "bakery_url: " + srv.URL + "\nextensions:\n"
	for i := range 12 {
		spec += fmt.Sprintf("  - {name: e%d, version: '1'}\n", i)
	}
	if res, rep := Lock("spec.yaml", []byte(spec), fastClient(), nil); res == nil || len(rep) > 0 {
		t.Fatalf("lock failed: %v", rep)
	}
	if most < 2 || most > parallel {
		t.Errorf("at most %d lists were fetched at once; want 2 to %d", most, parallel)
	}
}

// TestLockRetriesOnlyWhatCanImprove shows a redirect loop, a redirect to file:// and an untrusted certificate are tried once.
func TestLockRetriesOnlyWhatCanImprove(t *testing.T) {
	var mu sync.Mutex
	conns := map[string]int{}
	counted := func(s *httptest.Server) *httptest.Server {
		s.Config.ConnState = func(c net.Conn, state http.ConnState) {
			if state == http.StateNew {
				mu.Lock()
				conns[c.LocalAddr().String()]++
				mu.Unlock()
			}
		}
		return s
	}
	loop := counted(httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Connection", "close")
		http.Redirect(w, r, r.URL.Path, http.StatusFound)
	})))
	file := counted(httptest.NewUnstartedServer(http.RedirectHandler("file:///etc/passwd", http.StatusFound)))
	untrusted := counted(httptest.NewUnstartedServer(http.NotFoundHandler()))
	loop.Start()
	file.Start()
	untrusted.StartTLS()
	defer loop.Close()
	defer file.Close()
	defer untrusted.Close()
	for _, tc := range []struct {
		srv       *httptest.Server
		why       string
		wantConns int
	}{
		{loop, "stopped after 10 redirects", 10},
		{file, "redirected to a file URL; lock follows redirects to http and https only", 1},
		{untrusted, "tls: failed to verify certificate: x509: certificate signed by unknown authority", 1},
	} {
		spec := "bakery_url: " + tc.srv.URL + "\nextensions:\n  - {name: a, version: '1'}\n"
		_, rep := Lock("spec.yaml", []byte(spec), fastClient(), nil)
		checkReport(t, rep, []string{"spec.yaml:3:5: error: fetching " + tc.srv.URL + "/a/SHA256SUMS: " + tc.why})
		mu.Lock()
		if n := conns[tc.srv.Listener.Addr().String()]; n != tc.wantConns {
			t.Errorf("%s: %d connections, want %d: a failure that cannot improve must not be retried", tc.why, n, tc.wantConns)
		}
		mu.Unlock()
	}
}

// TestLockRunsGensChecks shows lock refuses what gen refuses, including what an include writes, and fetches nothing.
func TestLockRunsGensChecks(t *testing.T) {
	b := newBakery(t, map[string]string{"/a/SHA256SUMS": sumsOf("a-1-x86-64.raw")})
	files := func(name string) ([]byte, error) {
		if name == "clash.bu" {
			return []byte("variant: flatcar\nversion: 1.0.0\nstorage:\n  files:\n    - path: /etc/extensions/a.raw\n"), nil
		}
		return nil, os.ErrNotExist
	}
	spec := "bakery_url: " + b.URL + "\ninclude: [clash.bu]\nextensions:\n  - name: a\n    version: '1'\n"
	res, rep := Lock("spec.yaml", []byte(spec), fastClient(), files)
	if res != nil {
		t.Errorf("got a result for a spec gen rejects: %+v", res)
	}
	checkReport(t, rep, []string{`clash.bu:5:13: error: path "/etc/extensions/a.raw" is also written by spec.yaml; each may be set only once`})
	if len(b.hits) != 0 {
		t.Errorf("fetched %v for a spec gen rejects", b.hits)
	}
}

// TestLockSkipsLocalUpdateDir warns at update.source for an own-source image that updates from a directory on the node,
// which holds no list lock could read, and still pins a bakery image that updates from one, from the bakery's list.
func TestLockSkipsLocalUpdateDir(t *testing.T) {
	b := newBakery(t, map[string]string{"/a-1-x86-64.raw": "image"})
	spec := "extensions:\n  - name: a\n    version: '1'\n    source: " + b.URL + "/a-1-x86-64.raw\n    update: {source: /var/lib/sysext-updates/a}\n"
	res, rep := Lock("spec.yaml", []byte(spec), fastClient(), nil)
	if res == nil || res.Spec != nil || len(res.Changes) != 0 {
		t.Errorf("got %+v, want an empty result", res)
	}
	checkReport(t, rep, []string{"spec.yaml:5:22: warning: " + msgNotLockableDir.msg + " [not-lockable]"})
}
