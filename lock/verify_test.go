package lock

import (
	"bytes"
	"io/fs"
	"strings"
	"testing"

	"github.com/ProtonMail/go-crypto/openpgp"
	"github.com/sysext-ign/sysext-ign/generator"
)

// signer is a key made in the test, with its public half as a binary keyring.
type signer struct {
	entity *openpgp.Entity
	public []byte
}

func newSigner(t *testing.T, name string) signer {
	t.Helper()
	e, err := openpgp.NewEntity(name, "", name+"@example.invalid", nil)
	if err != nil {
		t.Fatal(err)
	}
	var pub bytes.Buffer
	if err := e.Serialize(&pub); err != nil {
		t.Fatal(err)
	}
	return signer{e, pub.Bytes()}
}

// sign makes the detached signature gpg --detach-sign (or, armored, gpg --armor --detach-sign) writes.
func (s signer) sign(t *testing.T, text string, armored bool) string {
	t.Helper()
	var out bytes.Buffer
	sign := openpgp.DetachSign
	if armored {
		sign = openpgp.ArmoredDetachSign
	}
	if err := sign(&out, s.entity, strings.NewReader(text), nil); err != nil {
		t.Fatal(err)
	}
	return out.String()
}

func keyringFile(keys []byte) func(string) ([]byte, error) {
	return func(name string) ([]byte, error) {
		if name == "keys.gpg" {
			return keys, nil
		}
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	}
}

// TestLockVerifiesSignedLists proves lock trusts a verified source's SHA256SUMS only with a good signature by a key in update_keyring.
func TestLockVerifiesSignedLists(t *testing.T) {
	mirror, other := newSigner(t, "mirror"), newSigner(t, "other")
	list := sumsOf("a-1-x86-64.raw", "a-2-x86-64.raw")
	tests := []struct {
		name string
		sig  string // served as SHA256SUMS.gpg; "" serves none
		list string // served as SHA256SUMS
		want string // the one error, or "" for a pin
	}{
		{"binary signature", mirror.sign(t, list, false), list, ""},
		{"armored signature", mirror.sign(t, list, true), list, ""},
		{"signed by another key", other.sign(t, list, false), list, "signature-invalid"},
		{"list changed after signing", mirror.sign(t, list, false), list + sumsOf("a-3-x86-64.raw"), "signature-invalid"},
		{"garbage signature", "not a signature\n", list, "signature-invalid"},
		{"no signature", "", list, "signature-missing"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files := map[string]string{"/a/SHA256SUMS": tt.list}
			if tt.sig != "" {
				files["/a/SHA256SUMS.gpg"] = tt.sig
			}
			b := newBakery(t, files)
			spec := "update_keyring: keys.gpg\nextensions:\n  - name: a\n    version: '1'\n    source: " + b.URL + "/a-1-x86-64.raw\n" +
				"    update:\n      source: " + b.URL + "/a/\n      verify: true\n"
			res, rep := Lock("spec.yaml", []byte(spec), fastClient(), keyringFile(mirror.public))
			if tt.want == "" {
				if len(rep) > 0 || res == nil || len(res.Changes) != 1 || res.Changes[0].Hash != "sha256-"+hexA {
					t.Fatalf("want a pin, got %v, %v", res, rep)
				}
				return
			}
			if res != nil || len(rep) != 1 || rep[0].Code != generator.Code(tt.want) || rep[0].Line != 3 || rep[0].Col != 5 {
				t.Fatalf("want one %s at the extension's line 3:5, got %v, %v", tt.want, res, rep)
			}
			if !strings.Contains(rep[0].Message, b.URL+"/a/SHA256SUMS.gpg") {
				t.Errorf("message does not name the signature's URL: %s", rep[0].Message)
			}
		})
	}
}

// TestLockUnverifiedSkipsSignature proves a source without verify is pinned without asking for a signature.
func TestLockUnverifiedSkipsSignature(t *testing.T) {
	b := newBakery(t, map[string]string{"/a/SHA256SUMS": sumsOf("a-1-x86-64.raw")})
	spec := "extensions:\n  - name: a\n    version: '1'\n    source: " + b.URL + "/a-1-x86-64.raw\n    update:\n      source: " + b.URL + "/a/\n"
	if res, rep := Lock("spec.yaml", []byte(spec), fastClient(), nil); len(rep) > 0 || res == nil || len(res.Changes) != 1 {
		t.Fatalf("want a pin, got %v, %v", res, rep)
	}
	if n := b.hits["/a/SHA256SUMS.gpg"]; n != 0 {
		t.Errorf("fetched the signature %d times without verify", n)
	}
}
