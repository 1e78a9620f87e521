package e2e

import (
	"archive/zip"
	"bufio"
	"bytes"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/json"
	"encoding/pem"
	"io"
	"math/big"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// providerRelease is what scripts/release wrote for the provider on one platform, as a registry publishes it.
type providerRelease struct {
	version, os, arch  string
	zipName, sumsName  string
	zip, sums, sig     []byte
	protocols          []string // the manifest's protocol_versions
	shasum             string   // the zip's line in sums
	fingerprint, keyID string   // the key that signed sums
	armoredKey         []byte
}

// fingerprint is the key's fingerprint, as GPG_FINGERPRINT takes it.
func (s gpgSigner) fingerprint(t *testing.T) string {
	t.Helper()
	for _, line := range strings.Split(string(s.gpg(t, nil, "--with-colons", "--list-secret-keys")), "\n") {
		if f := strings.Split(line, ":"); f[0] == "fpr" && len(f) > 9 {
			return f[9]
		}
	}
	t.Fatal("gpg lists no fingerprint")
	return ""
}

// releaseProvider runs scripts/release for this machine's platform alone, signed by key, and reads the
// provider's registry files from what it wrote.
func releaseProvider(t *testing.T, key gpgSigner) providerRelease {
	t.Helper()
	rel := providerRelease{version: os.Getenv(envSysextignVersion), os: "linux", arch: runtime.GOARCH,
		fingerprint: key.fingerprint(t), armoredKey: key.armored(t)}
	if rel.version == "" {
		t.Fatalf("%s is not set: run the suite through scripts/e2e", envSysextignVersion)
	}
	rel.keyID = rel.fingerprint[len(rel.fingerprint)-16:]
	dist := filepath.Join(t.TempDir(), "dist")
	c := command(900*time.Second, "bash", filepath.Join(tool(t, envRepo), "scripts", "release"), "v"+rel.version, dist)
	c.Env = append(os.Environ(), "GNUPGHOME="+key.home, "GPG_FINGERPRINT="+rel.fingerprint, "RELEASE_TARGETS="+rel.os+"/"+rel.arch)
	if r := runCmd(t, c); r.err != nil {
		t.Fatal("scripts/release failed")
	}
	prefix := "terraform-provider-sysextign_" + rel.version + "_"
	rel.zipName, rel.sumsName = prefix+rel.os+"_"+rel.arch+".zip", prefix+"SHA256SUMS"
	read := func(name string) []byte {
		b, err := os.ReadFile(filepath.Join(dist, name))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	rel.zip, rel.sums, rel.sig = read(rel.zipName), read(rel.sumsName), read(rel.sumsName+".sig")
	var manifest struct {
		Version  int
		Metadata struct {
			ProtocolVersions []string `json:"protocol_versions"`
		}
	}
	if err := json.Unmarshal(read(prefix+"manifest.json"), &manifest); err != nil || len(manifest.Metadata.ProtocolVersions) == 0 {
		t.Fatalf("%smanifest.json: %v %+v", prefix, err, manifest)
	}
	rel.protocols = manifest.Metadata.ProtocolVersions
	for s := bufio.NewScanner(bytes.NewReader(rel.sums)); s.Scan(); {
		if f := strings.Fields(s.Text()); len(f) == 2 && f[1] == rel.zipName {
			rel.shasum = f[0]
		}
	}
	if rel.shasum == "" {
		t.Fatalf("%s has no line for %s:\n%s", rel.sumsName, rel.zipName, rel.sums)
	}
	return rel
}

// testCA makes a CA and a server certificate it issues for 127.0.0.1 and localhost, and returns the
// certificate and the CA's PEM, which only the tofu processes of this test are given to trust.
func testCA(t *testing.T) (tls.Certificate, []byte) {
	t.Helper()
	now := time.Now()
	caKey, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	caTmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "sysext-ign e2e registry CA"},
		NotBefore: now.Add(-time.Hour), NotAfter: now.Add(time.Hour), IsCA: true, BasicConstraintsValid: true,
		KeyUsage: x509.KeyUsageCertSign}
	caDER, err := x509.CreateCertificate(rand.Reader, caTmpl, caTmpl, &caKey.PublicKey, caKey)
	if err != nil {
		t.Fatal(err)
	}
	ca, err := x509.ParseCertificate(caDER)
	if err != nil {
		t.Fatal(err)
	}
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(2), Subject: pkix.Name{CommonName: "localhost"},
		NotBefore: now.Add(-time.Hour), NotAfter: now.Add(time.Hour), DNSNames: []string{"localhost"},
		IPAddresses: []net.IP{net.IPv4(127, 0, 0, 1)}, KeyUsage: x509.KeyUsageDigitalSignature,
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, ca, &key.PublicKey, caKey)
	if err != nil {
		t.Fatal(err)
	}
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key}, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: caDER})
}

// registry serves the provider registry protocol for one release: service discovery, the versions list and
// the download of one platform with its signed checksums, the zip, the list and the signature a case chooses.
type registry struct {
	srv *httptest.Server
	rel providerRelease
	mu  sync.Mutex
	zip []byte // what the download URL serves
	sig []byte // what the signature URL serves
	got map[string]int
}

func newRegistry(t *testing.T, rel providerRelease) (*registry, []byte) {
	t.Helper()
	reg := &registry{rel: rel, zip: rel.zip, sig: rel.sig, got: map[string]int{}}
	cert, ca := testCA(t)
	reg.srv = httptest.NewUnstartedServer(http.HandlerFunc(reg.serve))
	reg.srv.TLS = &tls.Config{Certificates: []tls.Certificate{cert}}
	reg.srv.StartTLS()
	t.Cleanup(reg.srv.Close)
	return reg, ca
}

// set chooses the zip and the signature the registry serves.
func (reg *registry) set(zip, sig []byte) {
	reg.mu.Lock()
	defer reg.mu.Unlock()
	reg.zip, reg.sig = zip, sig
}

func (reg *registry) count(path string) int {
	reg.mu.Lock()
	defer reg.mu.Unlock()
	return reg.got[path]
}

// Registry protocol documents, as OpenTofu's registry client reads them.
type (
	registryVersions struct {
		Versions []registryVersion `json:"versions"`
	}
	registryVersion struct {
		Version   string              `json:"version"`
		Protocols []string            `json:"protocols"`
		Platforms []map[string]string `json:"platforms"`
	}
	registryDownload struct {
		Protocols           []string `json:"protocols"`
		OS                  string   `json:"os"`
		Arch                string   `json:"arch"`
		Filename            string   `json:"filename"`
		DownloadURL         string   `json:"download_url"`
		ShasumsURL          string   `json:"shasums_url"`
		ShasumsSignatureURL string   `json:"shasums_signature_url"`
		Shasum              string   `json:"shasum"`
		SigningKeys         struct {
			GPGPublicKeys []map[string]string `json:"gpg_public_keys"`
		} `json:"signing_keys"`
	}
)

func (reg *registry) serve(w http.ResponseWriter, r *http.Request) {
	reg.mu.Lock()
	reg.got[r.URL.Path]++
	zipBody, sigBody := reg.zip, reg.sig
	reg.mu.Unlock()
	rel := reg.rel
	base := "/v1/providers/sysext-ign/sysextign/"
	files := map[string][]byte{"/files/" + rel.zipName: zipBody, "/files/" + rel.sumsName: rel.sums, "/files/" + rel.sumsName + ".sig": sigBody}
	var doc any
	switch p := r.URL.Path; {
	case r.Method != http.MethodGet:
		w.WriteHeader(http.StatusMethodNotAllowed)
		return
	case files[p] != nil:
		w.Write(files[p])
		return
	case p == "/.well-known/terraform.json":
		doc = map[string]string{"providers.v1": "/v1/providers/"}
	case p == base+"versions":
		doc = registryVersions{[]registryVersion{{Version: rel.version, Protocols: rel.protocols,
			Platforms: []map[string]string{{"os": rel.os, "arch": rel.arch}}}}}
	case p == base+rel.version+"/download/"+rel.os+"/"+rel.arch:
		d := registryDownload{Protocols: rel.protocols, OS: rel.os, Arch: rel.arch, Filename: rel.zipName,
			DownloadURL: reg.srv.URL + "/files/" + rel.zipName, ShasumsURL: reg.srv.URL + "/files/" + rel.sumsName,
			ShasumsSignatureURL: reg.srv.URL + "/files/" + rel.sumsName + ".sig", Shasum: rel.shasum}
		d.SigningKeys.GPGPublicKeys = []map[string]string{{"key_id": rel.keyID, "ascii_armor": string(rel.armoredKey)}}
		doc = d
	default:
		w.WriteHeader(http.StatusNotFound)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(doc)
}

// tamperedZip is the release's zip with its README changed: a valid zip whose hash is not the signed one.
func tamperedZip(t *testing.T, orig []byte) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(orig), int64(len(orig)))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		body, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		if f.Name == "README.md" {
			body = append(body, "changed after signing\n"...)
		}
		hdr := f.FileHeader
		w, err := zw.CreateHeader(&hdr)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(body)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// registryInit runs tofu init on a fresh copy of examples/terraform-provider with the CLI configuration
// cliConfig (a JSON document) and, when source is not empty, an override that installs sysextign from there.
func registryInit(t *testing.T, ca []byte, cliConfig any, source string) (tofuRunner, result) {
	t.Helper()
	tf := registryWorkdir(t, ca, cliConfig, source)
	return tf, tf.run("init", "-input=false", "-no-color")
}

// registryWorkdir prepares what registryInit runs tofu init in; tofu trusts the test CA there, and no other tofu does.
func registryWorkdir(t *testing.T, ca []byte, cliConfig any, source string) tofuRunner {
	t.Helper()
	dir := t.TempDir()
	work := filepath.Join(dir, "example")
	copyExample(t, "terraform-provider", work)
	writeJSON := func(path string, v any) {
		b, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	writeJSON(filepath.Join(dir, "cli.tfrc.json"), cliConfig)
	if source != "" {
		writeJSON(filepath.Join(work, "registry_override.tf.json"), map[string]any{"terraform": map[string]any{
			"required_providers": map[string]any{"sysextign": map[string]string{"source": source}}}})
	}
	if err := os.WriteFile(filepath.Join(dir, "ca.pem"), ca, 0o644); err != nil {
		t.Fatal(err)
	}
	tf := tofuRunner{t: t, bin: tool(t, envTofu), dir: work, env: append(os.Environ(),
		"TF_IN_AUTOMATION=1", "TF_INPUT=0", "CHECKPOINT_DISABLE=1",
		"TF_CLI_CONFIG_FILE="+filepath.Join(dir, "cli.tfrc.json"), "SSL_CERT_FILE="+filepath.Join(dir, "ca.pem"))}
	return tf
}

// installed reports whether tofu unpacked any sysextign provider into the working directory.
func installed(t *testing.T, tf tofuRunner) bool {
	t.Helper()
	found, _ := filepath.Glob(filepath.Join(tf.dir, ".terraform", "providers", "*", "sysext-ign", "sysextign"))
	return len(found) > 0
}

// TestProviderRegistry publishes the provider as scripts/release builds and signs it, from a registry on
// 127.0.0.1 over HTTPS, and has real OpenTofu install it: signed by the release key, it installs and reports
// that key; signed by another key, or with a zip whose hash is not the signed one, it is refused.
func TestProviderRegistry(t *testing.T) {
	inPart(t, "provider")
	key := newGPGKeyWith(t, "release", "rsa4096", "never")
	other := newGPGKeyWith(t, "other", "rsa4096", "never")
	rel := releaseProvider(t, key)
	reg, ca := newRegistry(t, rel)
	host := registryHost(t, registryWorkdir(t, ca, map[string]any{}, ""), "sysext-ign/sysextign")
	// The host block points the registry name the example's source resolves to at the server on 127.0.0.1.
	hostBlock := map[string]any{"host": map[string]any{host: map[string]any{
		"services": map[string]string{"providers.v1": reg.srv.URL + "/v1/providers/"}}}}
	// tofu names a provider of its default registry without the host.
	signedBy := func(provider string) *regexp.Regexp {
		return regexp.MustCompile(`- Installed ` + regexp.QuoteMeta(provider) + ` v` +
			regexp.QuoteMeta(rel.version) + ` \(signed, key ID ` + rel.keyID + `\)`)
	}

	t.Run("installs_signed_by_the_release_key", func(t *testing.T) {
		reg.set(rel.zip, rel.sig)
		tf, r := registryInit(t, ca, hostBlock, "")
		if r.err != nil {
			t.Fatal("tofu init failed")
		}
		if !signedBy("sysext-ign/sysextign").MatchString(r.stdout) || !installed(t, tf) {
			t.Errorf("tofu init does not report the provider installed and signed with key ID %s:\n%s", rel.keyID, r.stdout)
		}
		lock, err := os.ReadFile(filepath.Join(tf.dir, ".terraform.lock.hcl"))
		if err != nil || !strings.Contains(string(lock), `"zh:`+rel.shasum+`"`) {
			t.Errorf("the lock file does not record the signed hash zh:%s of %s (%v):\n%s", rel.shasum, rel.zipName, err, lock)
		}
		if r := tf.run("apply", "-auto-approve", "-input=false", "-no-color"); r.err != nil {
			t.Fatal("tofu apply failed with the installed provider")
		}
		got := tf.run("output", "-raw", "rendered")
		if want := string(genFile(t, filepath.Join(tf.dir, "spec.yaml"))); got.stdout != want {
			t.Errorf("rendered by the installed provider differs from sysext-ign gen:\ntofu: %q\ngen:  %q", clip(got.stdout), clip(want))
		}
	})

	t.Run("service_discovery", func(t *testing.T) {
		reg.set(rel.zip, rel.sig)
		local := "localhost:" + strconv.Itoa(reg.srv.Listener.Addr().(*net.TCPAddr).Port)
		before := reg.count("/.well-known/terraform.json")
		_, r := registryInit(t, ca, map[string]any{}, local+"/sysext-ign/sysextign")
		if r.err != nil {
			t.Fatal("tofu init failed")
		}
		if reg.count("/.well-known/terraform.json") == before {
			t.Error("tofu never asked for /.well-known/terraform.json")
		}
		if !signedBy(local + "/sysext-ign/sysextign").MatchString(r.stdout) {
			t.Errorf("tofu init does not report the provider from %s signed with key ID %s:\n%s", local, rel.keyID, r.stdout)
		}
	})

	for _, c := range []struct {
		name     string
		zip, sig []byte
		fetched  string // what the registry must have served, so that the refusal is about it
		want     string // OpenTofu's reason
	}{
		{"refuses_a_signature_by_another_key", rel.zip, other.sign(t, rel.sums), "/files/" + rel.sumsName + ".sig",
			"the provider is not signed with a valid signing key"},
		{"refuses_a_zip_whose_hash_differs", tamperedZip(t, rel.zip), rel.sig, "/files/" + rel.zipName,
			"archive has incorrect checksum"},
	} {
		t.Run(c.name, func(t *testing.T) {
			reg.set(c.zip, c.sig)
			before := reg.count(c.fetched)
			tf, r := registryInit(t, ca, hostBlock, "")
			if r.err == nil {
				t.Fatalf("tofu init installed the provider:\n%s", r.stdout)
			}
			if reg.count(c.fetched) == before {
				t.Errorf("the registry never served %s, so the refusal is not about it", c.fetched)
			}
			if flat := strings.Join(strings.Fields(r.combined()), " "); !strings.Contains(flat, c.want) {
				t.Errorf("tofu init failed without %q:\n%s", c.want, r.combined())
			}
			if installed(t, tf) {
				t.Error("tofu init failed but left the provider installed")
			}
		})
	}
}
