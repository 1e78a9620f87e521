package main

import (
	"encoding/pem"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"strconv"
	"sync"

	"github.com/rogpeppe/go-internal/testscript"
)

// serveBakery serves DIR as a fake sysext-bakery on 127.0.0.1 until the script ends, logging each request's method
// and path to requests.log, so scripts can prove what was fetched.
func serveBakery(ts *testscript.TestScript, neg bool, args []string) {
	tls := len(args) == 2 && args[0] == "-tls"
	if neg || len(args) != 1 && !tls {
		ts.Fatalf("usage: serve [-tls] DIR")
	}
	var mu sync.Mutex
	log := ts.MkAbs("requests.log")
	files := http.FileServer(http.Dir(ts.MkAbs(args[len(args)-1])))
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		f, err := os.OpenFile(log, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
		if err == nil {
			_, err = f.WriteString(r.Method + " " + r.URL.Path + "\n")
			f.Close()
		}
		mu.Unlock()
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		files.ServeHTTP(w, r)
	}))
	if tls {
		// -tls serves https, and writes the certificate that signs it to bakery-ca.pem.
		srv.StartTLS()
		ca := pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: srv.Certificate().Raw})
		ts.Check(os.WriteFile(ts.MkAbs("bakery-ca.pem"), ca, 0o644))
	} else {
		srv.Start()
	}
	ts.Defer(srv.Close)
	ts.Setenv("BAKERY", srv.URL)
	// BAKERY_PORT lets a spec name the bakery by host name, so that the resolver is tested too.
	ts.Setenv("BAKERY_PORT", strconv.Itoa(srv.Listener.Addr().(*net.TCPAddr).Port))
}

// envsubst replaces $VAR and ${VAR} in each FILE with the script's environment, to put $BAKERY into specs.
func envsubst(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) == 0 {
		ts.Fatalf("usage: envsubst FILE...")
	}
	for _, name := range args {
		path := ts.MkAbs(name)
		ts.Check(os.WriteFile(path, []byte(os.Expand(ts.ReadFile(name), ts.Getenv)), 0o644))
	}
}
