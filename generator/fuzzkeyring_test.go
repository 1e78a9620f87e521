package generator

import (
	"bytes"
	"path/filepath"
	"testing"

	"github.com/ProtonMail/go-crypto/openpgp"
)

// FuzzKeyring checks what an update_keyring file can do: never a panic; a keyring it accepts is binary public keys
// only, which read back unchanged, so the node gets exactly what was checked.
func FuzzKeyring(f *testing.F) {
	names, _ := filepath.Glob("../fixtures/*/keys.asc")
	if len(names) == 0 {
		f.Fatal("no fixtures/*/keys.asc to seed from")
	}
	for _, name := range names {
		armored := readFile(f, name)
		f.Add(armored)
		if bin, why := binaryKeyring(armored); why == "" {
			f.Add(bin)
		}
	}
	f.Add([]byte("-----BEGIN PGP PRIVATE KEY BLOCK-----\n\n-----END PGP PRIVATE KEY BLOCK-----\n"))
	f.Fuzz(func(t *testing.T, in []byte) {
		out, why := binaryKeyring(in)
		if why != "" {
			if out != nil {
				t.Fatalf("refused (%s) but returned %d bytes", why, len(out))
			}
			return
		}
		keys, err := openpgp.ReadKeyRing(bytes.NewReader(out))
		if err != nil || len(keys) == 0 {
			t.Fatalf("accepted a keyring that does not read back: %v", err)
		}
		for _, k := range keys {
			if k.PrivateKey != nil {
				t.Fatal("accepted a keyring holding a private key")
			}
		}
		if again, why := binaryKeyring(out); why != "" || !bytes.Equal(again, out) {
			t.Fatalf("the binary keyring does not read back unchanged (%s)", why)
		}
	})
}
