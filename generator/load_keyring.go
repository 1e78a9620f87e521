package generator

import (
	"bytes"

	"github.com/ProtonMail/go-crypto/openpgp"
	"github.com/ProtonMail/go-crypto/openpgp/armor"
)

// Why an update_keyring is refused, in the words of msgKeyringInvalid.
const (
	keyringWhyArmor   = "is armored but not one PGP PUBLIC KEY BLOCK"
	keyringWhyParse   = "is not a list of OpenPGP keys"
	keyringWhyEmpty   = "holds no public key"
	keyringWhyPrivate = "holds a private key, which must not be written onto the node"
)

// readKeyring returns the keyring in the binary form gpg reads from systemd's keyring path, which refuses armor.
func (d loader) readKeyring(p Str, fl *files) ([]byte, bool) {
	b, _, ok := d.read(p, "update_keyring", fl)
	if !ok {
		return nil, false
	}
	keys, why := binaryKeyring(b)
	if why != "" {
		d.add(p.Pos, msgKeyringInvalid(p.Value, why))
		return nil, false
	}
	return keys, true
}

// binaryKeyring dearmors b if it is armored, and checks that it parses as OpenPGP public keys only.
func binaryKeyring(b []byte) ([]byte, string) {
	if bytes.HasPrefix(bytes.TrimLeft(b, " \t\r\n"), []byte("-----BEGIN ")) {
		block, err := armor.Decode(bytes.NewReader(b))
		switch {
		case err != nil:
			return nil, keyringWhyArmor
		case block.Type == openpgp.PrivateKeyType:
			return nil, keyringWhyPrivate
		case block.Type != openpgp.PublicKeyType:
			return nil, keyringWhyArmor
		}
		var body bytes.Buffer
		if _, err := body.ReadFrom(block.Body); err != nil {
			return nil, keyringWhyArmor
		}
		b = body.Bytes()
	}
	entities, err := openpgp.ReadKeyRing(bytes.NewReader(b))
	switch {
	case err != nil:
		return nil, keyringWhyParse
	case len(entities) == 0:
		return nil, keyringWhyEmpty
	}
	for _, e := range entities {
		if e.PrivateKey != nil {
			return nil, keyringWhyPrivate
		}
	}
	return b, ""
}
