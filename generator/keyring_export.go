package generator

import (
	"bytes"
	"io"

	"github.com/ProtonMail/go-crypto/openpgp"
	"github.com/ProtonMail/go-crypto/openpgp/packet"
)

// exportKeys writes the parsed keys as gpg --export does: each key, its revocations, its user IDs in the
// file's order (uids, one list per key) each with its signatures, then its subkeys with their revocations and
// binding signature, every packet under the old-format header gpg writes, so a key gpg made is written as
// gpg exports it.
func exportKeys(entities []*openpgp.Entity, uids [][]string) ([]byte, error) {
	var packets []serializer
	for i, e := range entities {
		packets = append(packets, e.PrimaryKey)
		for _, r := range e.Revocations {
			packets = append(packets, r)
		}
		written := map[string]bool{}
		for _, uid := range uids[i] {
			ident := e.Identities[uid]
			if ident == nil || written[uid] {
				continue
			}
			written[uid] = true
			packets = append(packets, ident.UserId)
			for _, sig := range ident.Signatures {
				packets = append(packets, sig)
			}
		}
		for _, sub := range e.Subkeys {
			packets = append(packets, sub.PublicKey)
			for _, r := range sub.Revocations {
				packets = append(packets, r)
			}
			packets = append(packets, sub.Sig)
		}
	}
	var out bytes.Buffer
	for _, p := range packets {
		if err := writePacket(&out, p); err != nil {
			return nil, err
		}
	}
	return out.Bytes(), nil
}

// serializer is a packet go-crypto parsed and can write again.
type serializer interface{ Serialize(io.Writer) error }

// writePacket serializes p with go-crypto, which writes a new-format header, and writes its body again
// under the old-format header of the shortest length field, as gpg does for these packet types.
func writePacket(out *bytes.Buffer, p serializer) error {
	var buf bytes.Buffer
	if err := p.Serialize(&buf); err != nil {
		return err
	}
	op, err := packet.NewOpaqueReader(&buf).Next()
	if err != nil {
		return err
	}
	n := len(op.Contents)
	ctb := 0x80 | op.Tag<<2
	switch {
	case n < 1<<8:
		out.Write([]byte{ctb, byte(n)})
	case n < 1<<16:
		out.Write([]byte{ctb | 1, byte(n >> 8), byte(n)})
	default:
		out.Write([]byte{ctb | 2, byte(n >> 24), byte(n >> 16), byte(n >> 8), byte(n)})
	}
	out.Write(op.Contents)
	return nil
}
