package scale

import (
	"bytes"
	"crypto"
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/ProtonMail/go-crypto/openpgp"
	"github.com/ProtonMail/go-crypto/openpgp/packet"
)

// What one signature check costs the generator's budget, in Ed25519 checks, for the two keys the shapes use;
// a test keeps them equal to what the generator counts.
const (
	ed25519Cost = 1
	bp512Cost   = 180
)

// Keyring is an update_keyring that spends the whole budget of signature checks, so that the worst keyring within the
// limits is what the benchmarks time.
func Keyring(fill bool) []byte {
	return keyring(fill, 0)
}

// keyring is Keyring with extra user IDs past the budget.
func keyring(fill bool, extra int) []byte {
	// Keys and signatures come from a fixed seed and time, so every run times the same keyring.
	cfg := &packet.Config{Algorithm: packet.PubKeyAlgoECDSA, Curve: packet.CurveBrainpoolP512, DefaultHash: crypto.SHA256,
		Rand: rand.NewChaCha8([32]byte{'s', 'c', 'a', 'l', 'e'}), Time: func() time.Time { return time.Unix(1700000000, 0) }}
	// With fill, an Ed25519 key whose last user ID fills the bytes a spec's files may have, so the node's keyring is as
	// large as it can be; without, a brainpoolP512 key, the costliest check gpg uses, in as few bytes as the budget allows.
	cost := bp512Cost
	if fill {
		cfg.Algorithm, cfg.Curve, cost = packet.PubKeyAlgoEdDSA, packet.Curve25519, ed25519Cost
	}
	e, err := openpgp.NewEntity("worst", "", "worst@example.invalid", cfg)
	if err != nil {
		panic("scale: making a key: " + err.Error())
	}
	// Each user ID's self-signature costs one check, and so does the subkey's binding signature.
	uids := maxKeyringWork/cost - 1 + extra
	for i := 1; i < uids; i++ {
		name := fmt.Sprintf("user %d", i)
		if fill && i == uids-1 {
			name = strings.Repeat("f", max(0, maxFilesBytes-4096-len(serialize(e))))
		}
		if err := e.AddUserId(name, "", "", cfg); err != nil {
			panic("scale: adding a user ID: " + err.Error())
		}
	}
	return serialize(e)
}

func serialize(e *openpgp.Entity) []byte {
	var b bytes.Buffer
	if err := e.Serialize(&b); err != nil {
		panic("scale: writing a key: " + err.Error())
	}
	return b.Bytes()
}
