package e2e

import (
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
)

// blobServer serves fixed bytes on 127.0.0.1 and can insist on request
// headers, standing in for the sysext bakery and for private mirrors.
type blobServer struct {
	*httptest.Server
	mu      sync.Mutex
	files   map[string][]byte
	require map[string]map[string]string
	hits    map[string]int
}

// newBlobServer starts a server that the test's cleanup stops.
func newBlobServer(t *testing.T) *blobServer {
	s := &blobServer{files: map[string][]byte{}, require: map[string]map[string]string{}, hits: map[string]int{}}
	s.Server = httptest.NewServer(http.HandlerFunc(s.serve))
	t.Cleanup(s.Close)
	return s
}

// put serves body at path and returns its full URL.
func (s *blobServer) put(path string, body []byte) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.files[path] = body
	return s.URL + path
}

// drop stops serving path.
func (s *blobServer) drop(path string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.files, path)
}

// needHeader makes requests for path fail with 401 unless key has value.
func (s *blobServer) needHeader(path, key, value string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.require[path] == nil {
		s.require[path] = map[string]string{}
	}
	s.require[path][key] = value
}

// count reports how many requests reached path, served or not.
func (s *blobServer) count(path string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.hits[path]
}

func (s *blobServer) serve(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	s.hits[r.URL.Path]++
	body, ok := s.files[r.URL.Path]
	need := s.require[r.URL.Path]
	s.mu.Unlock()
	for k, v := range need {
		if r.Header.Get(k) != v {
			http.Error(w, "missing or wrong "+k, http.StatusUnauthorized)
			return
		}
	}
	if !ok {
		http.NotFound(w, r)
		return
	}
	_, _ = w.Write(body)
}
