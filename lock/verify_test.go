package lock

import (
	"bytes"
	"crypto"
	"io/fs"
	"strings"
	"testing"
	"time"

	"github.com/ProtonMail/go-crypto/openpgp"
	"github.com/ProtonMail/go-crypto/openpgp/packet"
	"github.com/sysext-ign/sysext-ign/generator"
)

// signer is a key made in the test, with its public half as a binary keyring.
type signer struct {
	entity *openpgp.Entity
	public []byte
}

func newSigner(t *testing.T, name string) signer {
	t.Helper()
	return newSignerAt(t, name, &packet.Config{})
}

// newSignerAt makes a key as cfg says: made at cfg.Time, with cfg.KeyLifetimeSecs.
func newSignerAt(t *testing.T, name string, cfg *packet.Config) signer {
	t.Helper()
	cfg.Algorithm, cfg.DefaultHash = packet.PubKeyAlgoEdDSA, crypto.SHA256
	e, err := openpgp.NewEntity(name, "", name+"@example.invalid", cfg)
	if err != nil {
		t.Fatal(err)
	}
	s := signer{entity: e}
	s.export(t)
	return s
}

// export writes the signer's public key, with any revocation made since, as its keyring.
func (s *signer) export(t *testing.T) {
	t.Helper()
	var pub bytes.Buffer
	if err := s.entity.Serialize(&pub); err != nil {
		t.Fatal(err)
	}
	s.public = pub.Bytes()
}

// sign makes the detached signature gpg --detach-sign (or, armored, gpg --armor --detach-sign) writes.
func (s signer) sign(t *testing.T, text string, armored bool) string {
	t.Helper()
	return s.signWith(t, text, armored, nil)
}

// signWith signs as sign does, with cfg's time, signature lifetime and hash.
func (s signer) signWith(t *testing.T, text string, armored bool, cfg *packet.Config) string {
	t.Helper()
	var out bytes.Buffer
	sign := openpgp.DetachSign
	if armored {
		sign = openpgp.ArmoredDetachSign
	}
	if err := sign(&out, s.entity, strings.NewReader(text), cfg); err != nil {
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

// TestLockSignaturesAsGPG checks lock's decision on every signature packet of SHA256SUMS.gpg against what gpg
// --verify does when systemd-pull runs it, as e2e/signed_test.go establishes with Debian's gpg: all must be
// good signatures by keyring keys, which may have expired or been revoked; a signature may not have expired.
func TestLockSignaturesAsGPG(t *testing.T) {
	list := sumsOf("a-1-x86-64.raw", "a-2-x86-64.raw")
	mirror, other := newSigner(t, "mirror"), newSigner(t, "other")
	past := func() time.Time { return time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC) }
	expired := newSignerAt(t, "expired", &packet.Config{Time: past, KeyLifetimeSecs: 86400})
	expiredSig := expired.signWith(t, list, false, &packet.Config{Time: func() time.Time { return past().Add(time.Hour) }})
	revoked := newSigner(t, "revoked")
	revokedSig := revoked.sign(t, list, false)
	if err := revoked.entity.RevokeKey(packet.KeyRetired, "replaced", nil); err != nil {
		t.Fatal(err)
	}
	revoked.export(t)
	old := newSignerAt(t, "old", &packet.Config{Time: past})
	lapsedSig := old.signWith(t, list, false, &packet.Config{Time: func() time.Time { return past().Add(time.Hour) }, SigLifetimeSecs: 86400})
	good, bad := mirror.sign(t, list, false), mirror.sign(t, list+"tampered\n", false)
	var text bytes.Buffer
	if err := openpgp.DetachSignText(&text, mirror.entity, strings.NewReader(list), nil); err != nil {
		t.Fatal(err)
	}
	keyring := bytes.Join([][]byte{mirror.public, expired.public, revoked.public, old.public}, nil)
	tests := []struct {
		name, sig string
		want      string // "" for a pin, else a part of the reason
	}{
		{"one good signature", good, ""},
		{"two good signatures", good + good, ""},
		{"a good signature, then a bad one", good + bad, "signature 2 by key"},
		{"another key's signature, then a good one", other.sign(t, list, false) + good, "signature 1 was made by key"},
		{"a good signature, then another key's", good + other.sign(t, list, false), "signature 2 was made by key"},
		{"two armored blocks, both good", mirror.sign(t, list, true) + "\n" + mirror.sign(t, list, true), ""},
		{"two armored blocks, the second by another key", mirror.sign(t, list, true) + "\n" + other.sign(t, list, true), "signature 2 was made by key"},
		{"a text signature", text.String(), ""},
		{"by a key that has expired", expiredSig, ""},
		{"by a key revoked since", revokedSig, ""},
		{"a signature that has expired", lapsedSig, "has expired"},
		{"a good signature and a public key", good + string(other.public), "packet 2 is not a signature"},
		{"too many signatures", strings.Repeat(good, maxSignatures+1), "more than 16 signatures"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := newBakery(t, map[string]string{"/a/SHA256SUMS": list, "/a/SHA256SUMS.gpg": tt.sig})
			spec := "update_keyring: keys.gpg\nextensions:\n  - name: a\n    version: '1'\n    source: " + b.URL + "/a-1-x86-64.raw\n" +
				"    update:\n      source: " + b.URL + "/a/\n      verify: true\n"
			res, rep := Lock("spec.yaml", []byte(spec), fastClient(), keyringFile(keyring))
			if tt.want == "" {
				if len(rep) > 0 || res == nil || len(res.Changes) != 1 {
					t.Fatalf("want a pin, got %v, %v", res, rep)
				}
				return
			}
			if res != nil || len(rep) != 1 || rep[0].Code != "signature-invalid" || !strings.Contains(rep[0].Message, tt.want) {
				t.Fatalf("want one signature-invalid saying %q, got %v, %v", tt.want, res, rep)
			}
		})
	}
}
