// Command firsthour is the loopback side of scripts/first-hour: a mirror that serves a directory over HTTPS
// with a test CA and a token, and a check that every image an Ignition config names downloads as Ignition
// would fetch it, with the config's headers and CAs, and matches its hash.
//
//	firsthour serve -root DIR -ca CA.pem -url URL.txt -token TOKEN -private PREFIX -for DURATION
//	firsthour fetch CONFIG.ign
package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	"crypto/sha512"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"encoding/pem"
	"errors"
	"flag"
	"fmt"
	"hash"
	"io"
	"math/big"
	"net"
	"net/http"
	"net/url"
	"os"
	"strings"
	"time"
)

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintf(os.Stderr, "firsthour: %v\n", err)
		os.Exit(1)
	}
}

func run(args []string) error {
	if len(args) == 0 {
		return errors.New("usage: firsthour serve|fetch ...")
	}
	switch args[0] {
	case "serve":
		return serve(args[1:])
	case "fetch":
		if len(args) != 2 {
			return errors.New("usage: firsthour fetch CONFIG.ign")
		}
		return fetchAll(args[1], os.Stdout)
	}
	return fmt.Errorf("unknown command %q", args[0])
}

// serve answers on 127.0.0.1 until its time is up, so a forgotten server cannot outlive the script for long.
func serve(args []string) error {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	root := fs.String("root", "", "directory to serve")
	caOut := fs.String("ca", "", "where to write the test CA's certificate")
	urlOut := fs.String("url", "", "where to write the server's URL once it listens")
	token := fs.String("token", "", "the bearer token the private folder needs")
	private := fs.String("private", "private", "the top folder that needs the token")
	lifetime := fs.Duration("for", 10*time.Minute, "how long to serve")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *root == "" || *caOut == "" || *urlOut == "" || *token == "" {
		return errors.New("serve needs -root, -ca, -url and -token")
	}
	cert, caPEM, err := testCertificate()
	if err != nil {
		return err
	}
	if err := os.WriteFile(*caOut, caPEM, 0o644); err != nil {
		return err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	srv := &http.Server{
		Handler:           guard(http.FileServer(http.Dir(*root)), "/"+*private+"/", "Bearer "+*token),
		TLSConfig:         &tls.Config{Certificates: []tls.Certificate{cert}},
		ReadHeaderTimeout: 10 * time.Second,
	}
	// The URL appears whole or not at all, so the script never reads half of it.
	tmp := *urlOut + ".tmp"
	if err := os.WriteFile(tmp, []byte("https://"+ln.Addr().String()+"\n"), 0o644); err != nil {
		return err
	}
	if err := os.Rename(tmp, *urlOut); err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(context.Background(), *lifetime)
	defer cancel()
	go func() {
		<-ctx.Done()
		srv.Close()
	}()
	if err := srv.ServeTLS(ln, "", ""); !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// guard refuses requests under prefix that lack the authorization value, as a private mirror does.
func guard(next http.Handler, prefix, authorization string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasPrefix(r.URL.Path, prefix) && r.Header.Get("Authorization") != authorization {
			http.Error(w, "unauthorized", http.StatusUnauthorized)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// testCertificate makes a CA and a certificate it signs for 127.0.0.1, and returns the latter with the CA's PEM.
func testCertificate() (tls.Certificate, []byte, error) {
	caKey, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return tls.Certificate{}, nil, err
	}
	now := time.Now()
	caTmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "first-hour test CA"},
		NotBefore: now.Add(-time.Hour), NotAfter: now.Add(24 * time.Hour), IsCA: true, BasicConstraintsValid: true,
		KeyUsage: x509.KeyUsageCertSign}
	caDER, err := x509.CreateCertificate(rand.Reader, caTmpl, caTmpl, &caKey.PublicKey, caKey)
	if err != nil {
		return tls.Certificate{}, nil, err
	}
	ca, err := x509.ParseCertificate(caDER)
	if err != nil {
		return tls.Certificate{}, nil, err
	}
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return tls.Certificate{}, nil, err
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(2), Subject: pkix.Name{CommonName: "127.0.0.1"},
		NotBefore: now.Add(-time.Hour), NotAfter: now.Add(24 * time.Hour), IPAddresses: []net.IP{net.IPv4(127, 0, 0, 1)},
		KeyUsage: x509.KeyUsageDigitalSignature, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, ca, &key.PublicKey, caKey)
	if err != nil {
		return tls.Certificate{}, nil, err
	}
	cert := tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key}
	return cert, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: caDER}), nil
}

// config is the part of an Ignition config that says what to download and how.
type config struct {
	Ignition struct {
		Security struct {
			TLS struct {
				CertificateAuthorities []resource `json:"certificateAuthorities"`
			} `json:"tls"`
		} `json:"security"`
	} `json:"ignition"`
	Storage struct {
		Files []struct {
			Path     string   `json:"path"`
			Contents resource `json:"contents"`
		} `json:"files"`
	} `json:"storage"`
}

type resource struct {
	Source       *string                        `json:"source"`
	Compression  *string                        `json:"compression"`
	HTTPHeaders  []struct{ Name, Value string } `json:"httpHeaders"`
	Verification struct {
		Hash *string `json:"hash"`
	} `json:"verification"`
}

// fetchAll downloads every http(s) file of the config with its headers, trusting the system's CAs and the
// config's, and checks each against its hash; it fails on the first that does not arrive or does not match.
func fetchAll(path string, out io.Writer) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	var cfg config
	if err := json.Unmarshal(b, &cfg); err != nil {
		return fmt.Errorf("%s: %v", path, err)
	}
	roots, err := x509.SystemCertPool()
	if err != nil {
		return err
	}
	for _, ca := range cfg.Ignition.Security.TLS.CertificateAuthorities {
		pemData, err := dataURL(ca)
		if err != nil {
			return err
		}
		if !roots.AppendCertsFromPEM(pemData) {
			return errors.New("a certificate authority of the config holds no PEM certificate")
		}
	}
	client := &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: roots}}}
	fetched := 0
	for _, f := range cfg.Storage.Files {
		src := f.Contents.Source
		if src == nil || !strings.HasPrefix(*src, "http://") && !strings.HasPrefix(*src, "https://") {
			continue
		}
		if err := fetch(client, f.Contents); err != nil {
			return fmt.Errorf("%s from %s: %v", f.Path, *src, err)
		}
		fmt.Fprintf(out, "fetched %s from %s\n", f.Path, *src)
		fetched++
	}
	if fetched == 0 {
		return fmt.Errorf("%s names no image to download", path)
	}
	return nil
}

func fetch(client *http.Client, r resource) error {
	req, err := http.NewRequest(http.MethodGet, *r.Source, nil)
	if err != nil {
		return err
	}
	for _, h := range r.HTTPHeaders {
		req.Header.Set(h.Name, h.Value)
	}
	resp, err := client.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("status %d", resp.StatusCode)
	}
	if r.Verification.Hash == nil {
		_, err := io.Copy(io.Discard, resp.Body)
		return err
	}
	algo, want, _ := strings.Cut(*r.Verification.Hash, "-")
	var h hash.Hash
	switch algo {
	case "sha256":
		h = sha256.New()
	case "sha512":
		h = sha512.New()
	default:
		return fmt.Errorf("hash algorithm %q", algo)
	}
	if _, err := io.Copy(h, resp.Body); err != nil {
		return err
	}
	if got := hex.EncodeToString(h.Sum(nil)); got != want {
		return fmt.Errorf("hash %s-%s, want %s", algo, got, *r.Verification.Hash)
	}
	return nil
}

// dataURL decodes a data: URL, base64 or percent-encoded, gunzipping it when the resource says so, as Ignition does.
func dataURL(r resource) ([]byte, error) {
	if r.Source == nil {
		return nil, errors.New("a certificate authority without a source")
	}
	meta, data, ok := strings.Cut(strings.TrimPrefix(*r.Source, "data:"), ",")
	if !strings.HasPrefix(*r.Source, "data:") || !ok {
		return nil, errors.New("certificate authority source is not a data URL")
	}
	var b []byte
	var err error
	if strings.HasSuffix(meta, ";base64") {
		b, err = base64.StdEncoding.DecodeString(data)
	} else {
		var text string
		text, err = url.PathUnescape(data)
		b = []byte(text)
	}
	if err != nil {
		return nil, err
	}
	if r.Compression != nil && *r.Compression == "gzip" {
		zr, err := gzip.NewReader(bytes.NewReader(b))
		if err != nil {
			return nil, err
		}
		return io.ReadAll(zr)
	}
	return b, nil
}
