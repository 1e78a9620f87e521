package generator

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"testing"

	"github.com/ProtonMail/go-crypto/openpgp"
	"github.com/ProtonMail/go-crypto/openpgp/packet"
)

// FuzzKeyring checks what an update_keyring file can do: never a panic or a hang; a keyring it accepts is binary
// public keys only, down to the packets (no secret key or subkey, nothing but keys, user IDs and signatures),
// which read back unchanged, so the node gets exactly what was checked.
func FuzzKeyring(f *testing.F) {
	names, _ := filepath.Glob("../fixtures/*/keys.asc")
	if len(names) == 0 {
		f.Fatal("no fixtures/*/keys.asc to seed from")
	}
	for _, name := range names {
		armoredKeys := readFile(f, name)
		f.Add(armoredKeys)
		f.Add(append(append([]byte{}, armoredKeys...), armoredKeys...))
		if k, why := parseKeyring(armoredKeys); why.code == "" {
			f.Add(k.binary)
		}
	}
	e := newKey(f, "seed", nil)
	var secret bytes.Buffer
	if err := e.SerializePrivateWithoutSigning(&secret, nil); err != nil {
		f.Fatal(err)
	}
	f.Add(secret.Bytes())
	f.Add(append(public(f, newKey(f, "other", nil)), secret.Bytes()...))
	f.Add(armored(f, openpgp.PublicKeyType, secret.Bytes()))
	f.Add(hostileDSA(f, 3072, 256))
	f.Add(append(public(f, e), hostileDSA(f, 8192, 8192)...))
	f.Add([]byte("-----BEGIN PGP PRIVATE KEY BLOCK-----\n\n-----END PGP PRIVATE KEY BLOCK-----\n"))
	f.Fuzz(func(t *testing.T, in []byte) {
		k, why := parseWatched(t, in)
		if why.code != "" {
			if k != nil {
				t.Fatalf("refused (%s) but returned a keyring", why.text)
			}
			return
		}
		r := packet.NewOpaqueReader(bytes.NewReader(k.binary))
		for {
			op, err := r.Next()
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				t.Fatalf("accepted a keyring whose output does not read as packets: %v", err)
			}
			if op.Tag != 2 && op.Tag != 6 && op.Tag != 13 && op.Tag != 14 {
				t.Fatalf("accepted a keyring whose output holds a packet of tag %d", op.Tag)
			}
		}
		if again, why := parseKeyring(k.binary); why.code != "" || !bytes.Equal(again.binary, k.binary) {
			t.Fatalf("the binary keyring does not read back unchanged (%s)", why.text)
		}
	})
}

// parseWatched runs parseKeyring, failing instead of hanging on an input whose signatures take long to check.
func parseWatched(t *testing.T, in []byte) (*keyring, keyringWhy) {
	t.Helper()
	type parsed struct {
		k   *keyring
		why keyringWhy
	}
	p := watched(t, fmt.Sprintf("reading a %d-byte keyring", len(in)), func() parsed {
		k, why := parseKeyring(in)
		return parsed{k, why}
	})
	return p.k, p.why
}
