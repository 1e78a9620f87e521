// Package pgparmor reads OpenPGP data as gpg reads a keyring or a detached signature: binary packets, or text
// holding armored blocks, every one of which counts; the generator and lock both read keys and signatures this way.
package pgparmor

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"io"

	"github.com/ProtonMail/go-crypto/openpgp/armor"
)

// Types of armored blocks, as their BEGIN lines name them.
const (
	PublicKey  = "PGP PUBLIC KEY BLOCK"
	PrivateKey = "PGP PRIVATE KEY BLOCK"
	Signature  = "PGP SIGNATURE"
)

// Error says why data could not be read, and where: Line is the BEGIN line of the armored block it is about.
type Error struct {
	Line int    // 1-based; 0 when the data as a whole is at fault
	Type string // the block's type, for a block of another type than asked for
	Why  string
}

func (e *Error) Error() string {
	if e.Line == 0 {
		return e.Why
	}
	return fmt.Sprintf("the armored block on line %d %s", e.Line, e.Why)
}

// Decode returns the binary packets of data as gpg finds them, so that sysext-ign reads the same packets as the node.
func Decode(data []byte, want string) ([]byte, error) {
	if len(data) > 0 && data[0]&0x80 != 0 {
		return data, nil // data itself when its first byte is a packet tag, as gpg decides
	}
	// Else the bodies of all its armored blocks joined in order, each of type want; text between and around the
	// blocks is ignored, as gpg ignores it.
	var out bytes.Buffer
	found := false
	for line, rest := 1, data; len(rest) > 0; line++ {
		var text []byte
		text, rest, _ = bytes.Cut(rest, []byte("\n"))
		typ, ok := boundary(text, "-----BEGIN ")
		if !ok {
			continue
		}
		if typ != want {
			return nil, &Error{Line: line, Type: typ, Why: "is a " + typ + ", not a " + want}
		}
		n, body, err := block(data, rest, typ)
		if err != nil {
			return nil, &Error{Line: line, Why: err.Error()}
		}
		out.Write(body)
		rest, line, found = rest[n:], line+bytes.Count(rest[:n], []byte("\n")), true
	}
	if !found {
		return nil, &Error{Why: "is neither binary OpenPGP data nor armored"}
	}
	return out.Bytes(), nil
}

// block decodes the armored block whose BEGIN line ends where rest starts, reporting how much of rest it took.
func block(data, rest []byte, typ string) (int, []byte, error) {
	end := -1
	for off := 0; off < len(rest); {
		text, _, _ := bytes.Cut(rest[off:], []byte("\n"))
		off += len(text) + 1
		if got, ok := boundary(text, "-----END "); ok && got == typ {
			end = min(off, len(rest))
			break
		}
	}
	if end < 0 {
		return 0, nil, fmt.Errorf("has no -----END %s----- line", typ)
	}
	begin := len(data) - len(rest)
	start := bytes.LastIndex(data[:begin-1], []byte("\n")) + 1
	text := data[start : begin+end]
	b, err := armor.Decode(bytes.NewReader(text))
	if err != nil {
		return 0, nil, fmt.Errorf("is not valid armor")
	}
	body, err := io.ReadAll(b.Body)
	if err != nil {
		return 0, nil, fmt.Errorf("is not valid armor")
	}
	if !checksumOK(text, body) {
		return 0, nil, fmt.Errorf("fails its checksum (the =XXXX line), so it was damaged")
	}
	return end, body, nil
}

// checksumOK checks a block's optional CRC-24 line, =XXXX before the END line, which gpg checks and go-crypto does not.
func checksumOK(text, body []byte) bool {
	for _, line := range bytes.Split(text, []byte("\n")) {
		line = bytes.TrimSpace(line)
		if len(line) != 5 || line[0] != '=' {
			continue
		}
		var sum [3]byte
		n, err := base64.StdEncoding.Decode(sum[:], line[1:])
		return err == nil && n == 3 && uint32(sum[0])<<16|uint32(sum[1])<<8|uint32(sum[2]) == crc24(body)
	}
	return true
}

// crc24 is OpenPGP's armor checksum (RFC 4880, section 6.1).
func crc24(b []byte) uint32 {
	crc := uint32(0xb704ce)
	for _, c := range b {
		crc ^= uint32(c) << 16
		for range 8 {
			crc <<= 1
			if crc&0x1000000 != 0 {
				crc ^= 0x1864cfb
			}
		}
	}
	return crc & 0xffffff
}

// boundary reads a BEGIN or END line, such as -----BEGIN PGP SIGNATURE-----, returning the type it names.
func boundary(line []byte, prefix string) (string, bool) {
	line = bytes.TrimSpace(line)
	typ, ok := bytes.CutPrefix(line, []byte(prefix))
	if !ok || !bytes.HasSuffix(typ, []byte("-----")) || len(typ) <= 5 {
		return "", false
	}
	return string(typ[:len(typ)-5]), true
}
