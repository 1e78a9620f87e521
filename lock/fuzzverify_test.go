package lock

import (
	"bytes"
	"testing"
	"time"

	"github.com/ProtonMail/go-crypto/openpgp"
	"github.com/ProtonMail/go-crypto/openpgp/packet"
)

// FuzzSignature checks lock's reading of SHA256SUMS.gpg, whatever a server sends: no panic, and a file it accepts
// holds only good signatures, so go-crypto's own check of the first signature by a keyring key agrees.
func FuzzSignature(f *testing.F) {
	list := sumsOf("a-1-x86-64.raw")
	e, err := openpgp.NewEntity("fuzz", "", "fuzz@example.invalid", &packet.Config{Algorithm: packet.PubKeyAlgoEdDSA})
	if err != nil {
		f.Fatal(err)
	}
	keyring := openpgp.EntityList{e}
	sign := func(text string, armored bool) []byte {
		var out bytes.Buffer
		do := openpgp.DetachSign
		if armored {
			do = openpgp.ArmoredDetachSign
		}
		if err := do(&out, e, bytes.NewReader([]byte(text)), nil); err != nil {
			f.Fatal(err)
		}
		return out.Bytes()
	}
	good, bad := sign(list, false), sign(list+"x", false)
	f.Add(good)
	f.Add(append(append([]byte{}, good...), bad...))
	f.Add(append(sign(list, true), sign(list, true)...))
	f.Add([]byte("-----BEGIN PGP SIGNATURE-----\n\n=AAAA\n-----END PGP SIGNATURE-----\n"))
	f.Fuzz(func(t *testing.T, sig []byte) {
		if verifyAll(keyring, []byte(list), sig, time.Now()) != "" {
			return
		}
		check := openpgp.CheckDetachedSignature
		if len(sig) > 0 && sig[0]&0x80 == 0 {
			check = openpgp.CheckArmoredDetachedSignature
		}
		if _, err := check(keyring, bytes.NewReader([]byte(list)), bytes.NewReader(sig), nil); err != nil {
			t.Fatalf("lock accepted a signature file go-crypto refuses: %v", err)
		}
	})
}
