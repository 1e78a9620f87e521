package lock

import (
	"bytes"
	"context"

	"github.com/ProtonMail/go-crypto/openpgp"
	"github.com/sysext-ign/sysext-ign/generator"
)

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
	check := openpgp.CheckDetachedSignature
	if bytes.HasPrefix(bytes.TrimLeft(sig, " \t\r\n"), []byte("-----BEGIN ")) {
		check = openpgp.CheckArmoredDetachedSignature
	}
	if _, err = check(lk.keyring, bytes.NewReader(list), bytes.NewReader(sig), nil); err != nil {
		return msgSignatureInvalid(shown(sigURL), err.Error())
	}
	return problem{}
}
