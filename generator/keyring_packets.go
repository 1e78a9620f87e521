package generator

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"slices"

	"github.com/ProtonMail/go-crypto/openpgp/packet"
)

// Bounds on an update_keyring are checked on its packets before any signature is, since checking a self-signature is
// the costly part of reading a key.
const (
	MaxKeyringKeys = 32
	MaxKeyringWork = 2000 // in units of one Ed25519 signature check (about 50 µs); keyCost gives each key's price
)

// The key sizes gpg and systemd-pull verify with, and sysext-ign accepts: what gpg generates, and for RSA also
// Go's floor of 1024 bits, below which lock could not check a signature.
const (
	minRSABits, maxRSABits = 1024, 8192
	minDSABits, maxDSABits = 1024, 3072
	maxElGamalBits         = 4096
)

// dsaSubgroups are the sizes of q that FIPS 186 pairs with DSA primes, which gpg generates.
var dsaSubgroups = []int{160, 224, 256}

// curveCosts price one signature check on each curve gpg uses, relative to Ed25519 as measured with go-crypto, in a
// slice rather than a map so that it is static data rather than work at start-up.
var curveCosts = []curveCost{
	// A curve missing here is one gpg cannot use; curves of encryption keys (ECDH) cost nothing, as they check no signature.
	{packet.PubKeyAlgoEdDSA, packet.Curve25519, 1}, {packet.PubKeyAlgoEdDSA, packet.Curve448, 5},
	{packet.PubKeyAlgoECDSA, packet.CurveNistP256, 2}, {packet.PubKeyAlgoECDSA, packet.CurveNistP384, 12},
	{packet.PubKeyAlgoECDSA, packet.CurveNistP521, 30}, {packet.PubKeyAlgoECDSA, packet.CurveSecP256k1, 50},
	{packet.PubKeyAlgoECDSA, packet.CurveBrainpoolP256, 45}, {packet.PubKeyAlgoECDSA, packet.CurveBrainpoolP384, 90},
	{packet.PubKeyAlgoECDSA, packet.CurveBrainpoolP512, 180},
	{packet.PubKeyAlgoECDH, packet.Curve25519, 0}, {packet.PubKeyAlgoECDH, packet.Curve448, 0},
	{packet.PubKeyAlgoECDH, packet.CurveNistP256, 0}, {packet.PubKeyAlgoECDH, packet.CurveNistP384, 0},
	{packet.PubKeyAlgoECDH, packet.CurveNistP521, 0}, {packet.PubKeyAlgoECDH, packet.CurveSecP256k1, 0},
	{packet.PubKeyAlgoECDH, packet.CurveBrainpoolP256, 0}, {packet.PubKeyAlgoECDH, packet.CurveBrainpoolP384, 0},
	{packet.PubKeyAlgoECDH, packet.CurveBrainpoolP512, 0},
}

// curveCost is the price of one signature check by a key of an algorithm on a curve.
type curveCost struct {
	algo  packet.PublicKeyAlgorithm
	curve packet.Curve
	cost  int
}

// costOfCurve finds the price of a check by a key of algo on curve; false for a curve gpg cannot use.
func costOfCurve(algo packet.PublicKeyAlgorithm, curve packet.Curve) (int, bool) {
	for _, c := range curveCosts {
		if c.algo == algo && c.curve == curve {
			return c.cost, true
		}
	}
	return 0, false
}

// keyScan is what reading a keyring's packets learnt before any signature is checked: each key's user IDs in
// file order, which the node's copy keeps, and the work its signatures will cost.
type keyScan struct {
	uids  [][]string
	costs [2]int // of a check by the current key, and by the subkey whose signatures follow
	work  int
}

// scanKeyring reads b packet by packet without checking a signature: any secret key is refused, and so is a key
// gpg would not use, a key past MaxKeyringKeys, or signatures whose checking would cost more than MaxKeyringWork.
func scanKeyring(b []byte) (*keyScan, keyringWhy) {
	s := &keyScan{}
	r := packet.NewOpaqueReader(bytes.NewReader(b))
	for {
		op, err := r.Next()
		if errors.Is(err, io.EOF) {
			return s, keyringWhy{}
		}
		if err != nil {
			return nil, keyringWhyParse
		}
		if why := s.packet(op); why.code != "" {
			return nil, why
		}
	}
}

// packet takes one packet into the scan.
func (s *keyScan) packet(op *packet.OpaquePacket) keyringWhy {
	switch op.Tag {
	case 5, 7: // secret key, secret subkey
		return keyringWhyPrivate
	case 6: // public key
		cost, why := publicKey(op, fmt.Sprintf("key %d", len(s.uids)+1))
		switch {
		case why.code != "":
			return why
		case len(s.uids) == MaxKeyringKeys:
			return keyringWhyKeys()
		}
		s.uids = append(s.uids, nil)
		s.costs = [2]int{cost, 0}
	case 14: // public subkey
		if len(s.uids) == 0 {
			return keyringWhyParse
		}
		cost, why := publicKey(op, fmt.Sprintf("a subkey of key %d", len(s.uids)))
		if why.code != "" {
			return why
		}
		s.costs[1] = cost
	case 13: // user ID
		if len(s.uids) > 0 {
			s.uids[len(s.uids)-1] = append(s.uids[len(s.uids)-1], string(op.Contents))
		}
		s.costs[1] = 0
	case 2: // signature: checked by the key, and after a subkey also by the subkey it binds
		if s.work += s.costs[0] + s.costs[1]; s.work > MaxKeyringWork {
			return keyringWhyWork()
		}
	}
	return keyringWhy{}
}

// publicKey reads a key's packet and prices a signature check by it, refusing versions, algorithms and sizes
// that gpg would not use, before the key is used for anything.
func publicKey(op *packet.OpaquePacket, key string) (int, keyringWhy) {
	if len(op.Contents) < 6 || op.Contents[0] != 4 {
		return 0, keyringWhyVersion(key)
	}
	algo := packet.PublicKeyAlgorithm(op.Contents[5])
	if !usableAlgorithm(algo) {
		return 0, keyringWhyAlgorithm(key, int(algo))
	}
	p, err := op.Parse()
	pk, ok := p.(*packet.PublicKey)
	if err != nil || !ok {
		return 0, keyringWhyParse
	}
	cost, why := keyCost(pk, op.Contents)
	if why != "" {
		return 0, keyringWhyKey(key, pk.KeyId, why)
	}
	return cost, keyringWhy{}
}

// usableAlgorithm tells the public-key algorithms of version 4 keys that gpg reads; RFC 9580's newer
// identifiers for Ed25519 and X25519 keys are not among them.
func usableAlgorithm(a packet.PublicKeyAlgorithm) bool {
	switch a {
	case packet.PubKeyAlgoRSA, packet.PubKeyAlgoRSAEncryptOnly, packet.PubKeyAlgoRSASignOnly, packet.PubKeyAlgoElGamal,
		packet.PubKeyAlgoDSA, packet.PubKeyAlgoECDH, packet.PubKeyAlgoECDSA, packet.PubKeyAlgoEdDSA:
		return true
	}
	return false
}

// keyCost prices one signature check by pk, read from the packet body, or says why gpg would not use a key
// of its size or curve.
func keyCost(pk *packet.PublicKey, body []byte) (int, string) {
	bits, _ := pk.BitLength() // usableAlgorithm leaves only algorithms that have one
	switch pk.PubKeyAlgo {
	case packet.PubKeyAlgoRSA, packet.PubKeyAlgoRSAEncryptOnly, packet.PubKeyAlgoRSASignOnly:
		if bits < minRSABits || bits > maxRSABits {
			return 0, fmt.Sprintf("is an RSA key of %d bits; use one of %d to %d bits", bits, minRSABits, maxRSABits)
		}
		// A check is one exponentiation by a small exponent: quadratic in the size.
		switch {
		case bits <= 2048:
			return 1, ""
		case bits <= 3072:
			return 3, ""
		case bits <= 4096:
			return 6, ""
		}
		return 20, ""
	case packet.PubKeyAlgoDSA:
		q := dsaSubgroupBits(body)
		if bits < minDSABits || bits > maxDSABits || !slices.Contains(dsaSubgroups, q) {
			return 0, fmt.Sprintf("is a DSA key of %d bits with a %d-bit subgroup; use one of %d to %d bits with a subgroup of %s bits, as gpg makes",
				bits, q, minDSABits, maxDSABits, orList(itoas(dsaSubgroups)))
		}
		switch {
		case bits <= 1024:
			return 3, ""
		case bits <= 2048:
			return 8, ""
		}
		return 21, ""
	case packet.PubKeyAlgoElGamal:
		if bits > maxElGamalBits {
			return 0, fmt.Sprintf("is an ElGamal key of %d bits; use one of at most %d bits", bits, maxElGamalBits)
		}
		return 0, ""
	}
	curve, err := pk.Curve()
	cost, ok := costOfCurve(pk.PubKeyAlgo, curve)
	if err != nil || !ok {
		return 0, "uses an elliptic curve gpg does not support; use Curve25519 (gpg --quick-gen-key NAME ed25519)"
	}
	return cost, ""
}

// dsaSubgroupBits reads the size of q, the second number of a version 4 DSA key after its 6-byte header,
// each number written as its size in bits (2 bytes) and then its bytes.
func dsaSubgroupBits(body []byte) int {
	p := int(body[6])<<8 | int(body[7])
	at := 8 + (p+7)/8
	return int(body[at])<<8 | int(body[at+1])
}

func itoas(ns []int) []string {
	out := make([]string, len(ns))
	for i, n := range ns {
		out[i] = fmt.Sprint(n)
	}
	return out
}
