package generator

import (
	"bytes"
	"crypto"
	"crypto/rand"
	"crypto/rsa"
	"encoding/base64"
	"fmt"
	"math/big"
	"strings"
	"testing"
	"time"

	"github.com/ProtonMail/go-crypto/openpgp"
	"github.com/ProtonMail/go-crypto/openpgp/armor"
	"github.com/ProtonMail/go-crypto/openpgp/packet"
)

// newKey makes an Ed25519 signing key, as gpg --quick-gen-key NAME ed25519 does, changed by cfg.
func newKey(t testing.TB, name string, cfg *packet.Config) *openpgp.Entity {
	t.Helper()
	if cfg == nil {
		cfg = &packet.Config{}
	}
	if cfg.Algorithm == 0 {
		cfg.Algorithm = packet.PubKeyAlgoEdDSA
	}
	cfg.DefaultHash = crypto.SHA256
	e, err := openpgp.NewEntity(name, "", name+"@example.invalid", cfg)
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// public is e's public keys as go-crypto writes them, under new-format headers.
func public(t testing.TB, e *openpgp.Entity) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := e.Serialize(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func armored(t testing.TB, typ string, b []byte) []byte {
	t.Helper()
	var out bytes.Buffer
	w, err := armor.Encode(&out, typ, nil)
	if err != nil {
		t.Fatal(err)
	}
	w.Write(b)
	w.Close()
	return append(out.Bytes(), '\n')
}

// rawPacket is one packet under an old-format header with a 4-byte length, as a hand-made key would be written.
func rawPacket(tag byte, body ...[]byte) []byte {
	b := bytes.Join(body, nil)
	n := len(b)
	return append([]byte{0x80 | tag<<2 | 2, byte(n >> 24), byte(n >> 16), byte(n >> 8), byte(n)}, b...)
}

// mpi writes n as OpenPGP writes a number: its size in bits, then its bytes.
func mpi(n *big.Int) []byte {
	bits := n.BitLen()
	return append([]byte{byte(bits >> 8), byte(bits)}, n.Bytes()...)
}

// randomBits is a number of exactly bits bits.
func randomBits(t testing.TB, bits int) *big.Int {
	t.Helper()
	n, err := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), uint(bits-1)))
	if err != nil {
		t.Fatal(err)
	}
	return n.SetBit(n, bits-1, 1)
}

// hostileDSA is a key as the attack writes it: a DSA key with a p and a q of bits bits each, a user ID, and a
// self-signature that is checked (it names the key as issuer) and fails, after two exponentiations mod p
// by numbers the size of q.
func hostileDSA(t testing.TB, pBits, qBits int) []byte {
	t.Helper()
	created := []byte{0x60, 0, 0, 0}
	key := append(append([]byte{4}, created...), 17)
	for _, bits := range []int{pBits, qBits, pBits - 1, pBits - 1} {
		key = append(key, mpi(randomBits(t, bits))...)
	}
	p, err := packet.Read(bytes.NewReader(rawPacket(6, key)))
	if err != nil {
		t.Fatalf("the hand-made DSA key does not parse: %v", err)
	}
	id := p.(*packet.PublicKey).KeyId
	issuer := []byte{9, 16, byte(id >> 56), byte(id >> 48), byte(id >> 40), byte(id >> 32), byte(id >> 24), byte(id >> 16), byte(id >> 8), byte(id)}
	hashed := append([]byte{5, 2}, append(created, issuer...)...)
	sig := append([]byte{4, 0x13, 17, 8, 0, byte(len(hashed))}, hashed...)
	sig = append(append(sig, 0, 0, 0xab, 0xcd), append(mpi(randomBits(t, qBits-1)), mpi(randomBits(t, qBits-1))...)...)
	return bytes.Join([][]byte{rawPacket(6, key), rawPacket(13, []byte("hostile <h@example.invalid>")), rawPacket(2, sig)}, nil)
}

// keyringReport generates a spec with one signed source whose update_keyring is keys.
func keyringReport(t testing.TB, keys []byte) (*Result, Report) {
	t.Helper()
	return Generate("s.yaml", []byte("update_keyring: keys.gpg\n"+signedExt), Options{Butane: true, ReadFile: memFiles(map[string]string{"keys.gpg": string(keys)})})
}

// wantRefused checks that keys are refused at update_keyring with code, for the reason want.
func wantRefused(t *testing.T, keys []byte, code Code, want string) {
	t.Helper()
	_, rep := keyringReport(t, keys)
	if len(rep) != 1 || rep[0].Code != code || rep[0].Line != 1 || rep[0].Col != 17 || !strings.Contains(rep[0].Message, want) {
		t.Errorf("want one %s at 1:17 saying %q, got %v", code, want, rep)
	}
}

// TestKeyringSecrets shows that no secret key packet passes, whatever surrounds it.
func TestKeyringSecrets(t *testing.T) {
	e, other := newKey(t, "mirror", nil), newKey(t, "other", nil)
	var secretSubkey bytes.Buffer
	e.PrimaryKey.Serialize(&secretSubkey)
	for _, id := range e.Identities {
		id.UserId.Serialize(&secretSubkey)
		id.SelfSignature.Serialize(&secretSubkey)
	}
	e.Subkeys[0].PrivateKey.Serialize(&secretSubkey)
	e.Subkeys[0].Sig.Serialize(&secretSubkey)

	var damaged bytes.Buffer
	if err := other.SerializePrivateWithoutSigning(&damaged, nil); err != nil {
		t.Fatal(err)
	}
	// The last byte is in the subkey's binding signature; changing it makes the parser skip the whole key.
	secretDamaged := append(public(t, e), damaged.Bytes()...)
	secretDamaged[len(secretDamaged)-1] ^= 0xff

	for name, keys := range map[string][]byte{
		"a public key and an unencrypted secret subkey": secretSubkey.Bytes(),
		"a secret key with a damaged self-signature":    secretDamaged,
		"the same, armored as public keys":              armored(t, openpgp.PublicKeyType, secretDamaged),
	} {
		t.Run(name, func(t *testing.T) { wantRefused(t, keys, "keyring-invalid", "holds a private key") })
	}
}

// TestKeyringExportForm shows the node gets the keys as parsed, in gpg's export form, the same from armored and
// binary input and with packets around them that are not keys, and that it reads back unchanged.
func TestKeyringExportForm(t *testing.T) {
	e := newKey(t, "mirror", nil)
	if err := e.AddUserId("second", "", "second@example.invalid", nil); err != nil {
		t.Fatal(err)
	}
	bin := public(t, e)
	trailing := append(append([]byte{}, bin...), rawPacket(12, []byte("trust packet, not written"))...)
	var outs [][]byte
	for _, in := range [][]byte{bin, armored(t, openpgp.PublicKeyType, bin), trailing} {
		k, why := parseKeyring(in)
		if why.code != "" {
			t.Fatal(why.text)
		}
		outs = append(outs, k.binary)
	}
	if !bytes.Equal(outs[0], outs[1]) || !bytes.Equal(outs[0], outs[2]) {
		t.Error("binary, armored and padded input give different keyrings")
	}
	if outs[0][0] != 0x98 {
		t.Errorf("the key's packet starts with %#x, not gpg's old-format header 0x98", outs[0][0])
	}
	again, why := parseKeyring(outs[0])
	if why.code != "" || !bytes.Equal(again.binary, outs[0]) {
		t.Errorf("the written keyring does not read back unchanged (%s)", why.text)
	}
	keys, err := openpgp.ReadKeyRing(bytes.NewReader(outs[0]))
	if err != nil || len(keys) != 1 || len(keys[0].Identities) != 2 || len(keys[0].Subkeys) != 1 ||
		!bytes.Equal(keys[0].PrimaryKey.Fingerprint, e.PrimaryKey.Fingerprint) {
		t.Errorf("the written keyring lost part of the key: %v", err)
	}
}

// TestKeyringBlocks shows every armored block reaches the node, as gpg reads them all, and a block of
// another type is refused at its line.
func TestKeyringBlocks(t *testing.T) {
	a, b := newKey(t, "a", nil), newKey(t, "b", nil)
	two := append(armored(t, openpgp.PublicKeyType, public(t, a)), armored(t, openpgp.PublicKeyType, public(t, b))...)
	res, rep := keyringReport(t, two)
	if rep.HasErrors() {
		t.Fatal(rep)
	}
	data, _, _ := strings.Cut(strings.SplitN(string(res.Butane), "data:;base64,", 2)[1], "\n")
	written, _ := base64.StdEncoding.DecodeString(data)
	keys, err := openpgp.ReadKeyRing(bytes.NewReader(written))
	if err != nil || len(keys) != 2 || !bytes.Equal(keys[1].PrimaryKey.Fingerprint, b.PrimaryKey.Fingerprint) {
		t.Errorf("cat a.asc b.asc wrote %d keys (%v), want both", len(keys), err)
	}
	first := armored(t, openpgp.PublicKeyType, public(t, a))
	withSig := append(first, armored(t, openpgp.SignatureType, []byte("x"))...)
	wantRefused(t, withSig, "keyring-invalid", fmt.Sprintf("the armored block on line %d is a PGP SIGNATURE", bytes.Count(first, []byte("\n"))+1))
}

// TestKeyringBounds shows a keyring is refused, before any signature is checked, when gpg would not use a key or
// checking its signatures would cost more than the bounds allow; the bounds themselves pass.
func TestKeyringBounds(t *testing.T) {
	ok := public(t, newKey(t, "ok", nil))
	manyUIDs := func(n int) []byte {
		e := newKey(t, "uids", nil)
		for i := 1; i < n; i++ {
			if err := e.AddUserId(fmt.Sprintf("user %d", i), "", "", nil); err != nil {
				t.Fatal(err)
			}
		}
		return public(t, e)
	}
	manyKeys := func(n int) []byte {
		var b []byte
		for range n {
			b = append(b, public(t, newKey(t, "k", nil))...)
		}
		return b
	}
	bigRSA := func(bits int) []byte {
		var b bytes.Buffer
		packet.NewRSAPublicKey(time.Unix(1600000000, 0), &rsa.PublicKey{N: randomBits(t, bits), E: 65537}).Serialize(&b)
		return append(b.Bytes(), rawPacket(13, []byte("rsa"))...)
	}
	// An Ed25519 key costs 1 per signature: its user ID's self-signature, its subkey's binding, and one
	// self-signature per user ID added.
	work := MaxKeyringWork - 1
	t.Run("a DSA key with a huge subgroup after a good key", func(t *testing.T) {
		wantRefused(t, append(append([]byte{}, ok...), hostileDSA(t, 16384, 16384)...), "keyring-invalid", "key 2 (ID")
	})
	t.Run("a DSA key of 4096 bits", func(t *testing.T) {
		wantRefused(t, hostileDSA(t, 4096, 256), "keyring-invalid", "is a DSA key of 4096 bits with a 256-bit subgroup")
	})
	t.Run("an RSA key of 16384 bits", func(t *testing.T) {
		wantRefused(t, bigRSA(16384), "keyring-invalid", "is an RSA key of 16384 bits")
	})
	t.Run("a version 6 key", func(t *testing.T) {
		wantRefused(t, public(t, newKey(t, "v6", &packet.Config{V6Keys: true, Algorithm: packet.PubKeyAlgoEd25519})), "keyring-invalid", "not an OpenPGP version 4 key")
	})
	t.Run("one key more than the most", func(t *testing.T) {
		wantRefused(t, manyKeys(MaxKeyringKeys+1), "keyring-too-large", keyringWhyKeys().text)
	})
	t.Run("more signatures than the work allows", func(t *testing.T) {
		wantRefused(t, manyUIDs(work+1), "keyring-too-large", keyringWhyWork().text)
	})
	for name, keys := range map[string][]byte{
		"the most keys": manyKeys(MaxKeyringKeys), "the most signature work": manyUIDs(work),
		"a DSA key of 3072 bits and a 160-bit subgroup": hostileDSA(t, 3072, 160),
	} {
		t.Run(name, func(t *testing.T) {
			if _, why := scanKeyring(keys); why.code != "" {
				t.Errorf("refused before any signature was checked: %s", why.text)
			}
		})
	}
}

// TestKeyringLapsed shows gen warns about expired and revoked keys, which gpg on the node still trusts.
func TestKeyringLapsed(t *testing.T) {
	past := func() time.Time { return time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC) }
	expired := newKey(t, "expired", &packet.Config{Time: past, KeyLifetimeSecs: 86400})
	revoked := newKey(t, "revoked", nil)
	if err := revoked.RevokeKey(packet.KeyCompromised, "lost", nil); err != nil {
		t.Fatal(err)
	}
	files := memFiles(map[string]string{
		"expired.gpg": string(public(t, expired)), "revoked.gpg": string(public(t, revoked)),
		"good.gpg": string(public(t, newKey(t, "good", nil))),
	})
	for file, want := range map[string]string{
		"expired.gpg": "s.yaml:1:17 keyring-key-expired", "revoked.gpg": "s.yaml:1:17 keyring-key-revoked", "good.gpg": "",
	} {
		got := diagnose("update_keyring: "+file+"\n"+signedExt, Options{ReadFile: files})
		if strings.Join(got, "\n") != want {
			t.Errorf("%s: got %q, want %q", file, got, want)
		}
	}
}
