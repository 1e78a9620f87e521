package generator

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/ProtonMail/go-crypto/openpgp"
	"github.com/ProtonMail/go-crypto/openpgp/packet"
	"github.com/sysext-ign/sysext-ign/internal/pgparmor"
)

// keyring is an update_keyring as read: its keys, and the binary form of them written to the node.
type keyring struct {
	entities []*openpgp.Entity
	binary   []byte
}

// readKeyring reads update_keyring and warns about keys that expired or were revoked, which gpg still trusts.
func (d loader) readKeyring(p Str, fl *files) *keyring {
	b, _, ok := d.read(p, "update_keyring", fl)
	if !ok {
		return nil
	}
	k, why := parseKeyring(b)
	if why.code != "" {
		d.add(p.Pos, msgKeyring(p.Value, why))
		return nil
	}
	for _, pr := range k.lapsed(p.Value, time.Now()) {
		d.add(p.Pos, pr)
	}
	return k
}

// parseKeyring reads armored or binary public keys, every armored block of them, and writes them again in the
// binary form gpg reads from systemd's keyring path (it refuses armor), made from the keys as parsed: nothing
// of the file that was not read as a public key, its user IDs or their signatures reaches the node.
func parseKeyring(b []byte) (*keyring, keyringWhy) {
	b, err := pgparmor.Decode(b, pgparmor.PublicKey)
	var ae *pgparmor.Error
	switch {
	case errors.As(err, &ae) && ae.Type == pgparmor.PrivateKey:
		return nil, keyringWhyPrivate
	case errors.As(err, &ae) && ae.Line == 0:
		return nil, keyringInvalid(ae.Why + giveKeys)
	case err != nil:
		return nil, keyringWhyArmor(err.Error())
	}
	scan, why := scanKeyring(b)
	if why.code != "" {
		return nil, why
	}
	if len(scan.uids) == 0 {
		return nil, keyringWhyEmpty
	}
	k := &keyring{}
	packets := packet.NewReader(bytes.NewReader(b))
	for {
		e, err := openpgp.ReadEntity(packets)
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, keyringWhyKeyParse(len(k.entities)+1, err.Error())
		}
		k.entities = append(k.entities, e)
	}
	if len(k.entities) != len(scan.uids) {
		return nil, keyringWhyParse
	}
	if k.binary, err = exportKeys(k.entities, scan.uids); err != nil {
		return nil, keyringWhyKeyParse(len(k.entities), err.Error())
	}
	return k, keyringWhy{}
}

// lapsed warns about each key, or signing subkey, that expired or was revoked: gpg on the node, run as
// systemd-pull runs it, still accepts the signatures such a key makes.
func (k *keyring) lapsed(file string, now time.Time) []problem {
	var out []problem
	for _, e := range k.entities {
		self, _ := e.PrimarySelfSignature()
		out = append(out, lapse(file, fmt.Sprintf("key %X", e.PrimaryKey.Fingerprint), e.PrimaryKey, self, len(e.Revocations) > 0, now)...)
		for _, sub := range e.Subkeys {
			if sub.Sig.FlagsValid && sub.Sig.FlagSign {
				what := fmt.Sprintf("signing subkey %X of key %X", sub.PublicKey.Fingerprint, e.PrimaryKey.Fingerprint)
				out = append(out, lapse(file, what, sub.PublicKey, sub.Sig, len(sub.Revocations) > 0, now)...)
			}
		}
	}
	return out
}

func lapse(file, what string, pk *packet.PublicKey, self *packet.Signature, revoked bool, now time.Time) []problem {
	switch {
	case revoked:
		return []problem{msgKeyringRevoked(file, what)}
	case self != nil && self.KeyLifetimeSecs != nil && *self.KeyLifetimeSecs > 0:
		end := pk.CreationTime.Add(time.Duration(*self.KeyLifetimeSecs) * time.Second)
		if now.After(end) {
			return []problem{msgKeyringExpired(file, what, end.UTC().Format(time.DateOnly))}
		}
	}
	return nil
}
