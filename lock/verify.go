package lock

import (
	"bytes"
	"context"
	"crypto"
	"errors"
	"fmt"
	"hash"
	"io"
	"slices"
	"time"

	"github.com/ProtonMail/go-crypto/openpgp"
	"github.com/ProtonMail/go-crypto/openpgp/packet"
	"github.com/sysext-ign/sysext-ign/generator"
	"github.com/sysext-ign/sysext-ign/internal/pgparmor"
)

// maxSignatures bounds the signatures lock checks in one SHA256SUMS.gpg, each of which hashes the whole list:
// a list is signed once, or a few times while keys change hands.
const maxSignatures = 16

// signatureHashes are the hashes gpg checks data signatures with by default; it refuses MD5, and knows no SHA-3.
var signatureHashes = []crypto.Hash{crypto.SHA1, crypto.SHA224, crypto.SHA256, crypto.SHA384, crypto.SHA512}

// verifies tells whether the node's systemd-sysupdate will check this extension's list against the keyring.
func verifies(l generator.Lockable) bool {
	return l.Update != nil && l.Update.Verify.Value
}

// checkSignature fetches u's detached signature, u.gpg as systemd-sysupdate does, and checks list against keyring,
// so lock trusts no hash that the node would refuse.
func (lk *locker) checkSignature(ctx context.Context, u string, list []byte, headers []generator.Header) problem {
	sigURL := u + ".gpg"
	sig, err := lk.client.get(ctx, sigURL, headers)
	if err != nil {
		return msgSignatureMissing(shown(sigURL), err.Error())
	}
	if why := verifyAll(lk.keyring, list, sig, time.Now()); why != "" {
		return msgSignatureInvalid(shown(sigURL), why)
	}
	return problem{}
}

// verifyAll decides as the node's gpg --verify does when systemd-pull runs it (--no-default-keyring
// --trust-model=always, the keyring alone), so that lock accepts exactly the lists the node accepts.
func verifyAll(keyring openpgp.EntityList, list, data []byte, now time.Time) string {
	body, err := pgparmor.Decode(data, pgparmor.Signature)
	var ae *pgparmor.Error
	switch {
	case errors.As(err, &ae) && ae.Line == 0:
		return "it " + ae.Why
	case err != nil:
		return err.Error()
	}
	// Every signature packet, in every armored block, must be a good signature of list by a key of the keyring, and
	// any other packet is refused.
	r := packet.NewOpaqueReader(bytes.NewReader(body))
	n := 0
	for ; ; n++ {
		op, err := r.Next()
		switch {
		case errors.Is(err, io.EOF) && n == 0:
			return "it holds no signature"
		case errors.Is(err, io.EOF):
			return ""
		case err != nil:
			return fmt.Sprintf("after %d signatures it is not OpenPGP data", n)
		case n == maxSignatures:
			return fmt.Sprintf("it holds more than %d signatures, more than lock checks", maxSignatures)
		case op.Tag != 2:
			return fmt.Sprintf("packet %d is not a signature (tag %d)", n+1, op.Tag)
		}
		p, err := op.Parse()
		sig, ok := p.(*packet.Signature)
		if err != nil || !ok {
			return fmt.Sprintf("signature %d cannot be read", n+1)
		}
		// As gpg, a key that expired or was revoked passes; an expired signature, or one by a key the keyring lacks, does not.
		if why := verifyOne(keyring, list, sig, now); why != "" {
			return fmt.Sprintf("signature %d %s", n+1, why)
		}
	}
}

// verifyOne checks one signature packet of list as gpg does.
func verifyOne(keyring openpgp.EntityList, list []byte, sig *packet.Signature, now time.Time) string {
	switch {
	case sig.Version != 4:
		return fmt.Sprintf("is of version %d, which gpg on the node does not check", sig.Version)
	case sig.SigType != packet.SigTypeBinary && sig.SigType != packet.SigTypeText:
		return fmt.Sprintf("is not a signature of a file but of type %#x", int(sig.SigType))
	case !slices.Contains(signatureHashes, sig.Hash):
		return fmt.Sprintf("uses hash %v, which gpg does not check signatures with", sig.Hash)
	case sig.IssuerKeyId == nil:
		return "names no key that made it"
	}
	for _, n := range sig.Notations {
		if n.IsCritical {
			return "carries a critical notation, which gpg refuses"
		}
	}
	id := *sig.IssuerKeyId
	keys := signingKeys(keyring, id)
	if len(keys) == 0 {
		return fmt.Sprintf("was made by key %016X, which update_keyring does not hold, so gpg cannot check it", id)
	}
	for _, k := range keys {
		h, err := digest(list, sig)
		if err != nil || k.PublicKey.VerifySignature(h, sig) != nil {
			continue
		}
		switch {
		case sig.CreationTime.Before(k.PublicKey.CreationTime):
			return fmt.Sprintf("by key %016X was made before the key, which gpg refuses as a time conflict", id)
		case sig.SigExpired(now):
			return fmt.Sprintf("by key %016X has expired, which gpg refuses; sign the list again", id)
		}
		return ""
	}
	return fmt.Sprintf("by key %016X does not match SHA256SUMS (a BAD signature to gpg)", id)
}

// signingKeys are the keyring's keys of key ID id that may sign, chosen as gpg chooses them, since only those make a
// signature gpg accepts.
func signingKeys(keyring openpgp.EntityList, id uint64) []openpgp.Key {
	var out []openpgp.Key
	for _, k := range keyring.KeysById(id) {
		// Those whose self-signature allows signing, or, without key flags, whose algorithm can sign; expiry and
		// revocation do not count, as gpg ignores them.
		flags := k.SelfSignature != nil && k.SelfSignature.FlagsValid
		if flags && k.SelfSignature.FlagSign || !flags && k.PublicKey.PubKeyAlgo.CanSign() {
			out = append(out, k)
		}
	}
	return out
}

// digest hashes list as sig says: the bytes as they are, or, for a text signature, with CRLF line ends.
func digest(list []byte, sig *packet.Signature) (hash.Hash, error) {
	h, err := sig.PrepareVerify()
	if err != nil {
		return nil, err
	}
	w := h
	if sig.SigType == packet.SigTypeText {
		w = openpgp.NewCanonicalTextHash(h)
	}
	w.Write(list)
	return h, nil
}
