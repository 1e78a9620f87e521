package pgparmor

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/ProtonMail/go-crypto/openpgp/armor"
)

func armored(t *testing.T, typ string, body []byte) string {
	t.Helper()
	var b bytes.Buffer
	w, err := armor.EncodeWithChecksumOption(&b, typ, nil, true)
	if err != nil {
		t.Fatal(err)
	}
	w.Write(body)
	w.Close()
	return b.String() + "\n"
}

// TestDecode reads every armored block as gpg does, and says at which block's line it stops.
func TestDecode(t *testing.T) {
	a, b := armored(t, PublicKey, []byte("\x99first")), armored(t, PublicKey, []byte("\x99second"))
	crc := strings.Index(a, "\n=") + 1
	damaged := a[:crc] + "=AAAA" + a[crc+5:]
	tests := []struct {
		name, in string
		want     string // the joined bodies, or the error
	}{
		{"binary passes through", "\x99\x00\x01x", "\x99\x00\x01x"},
		{"one block", a, "\x99first"},
		{"two blocks, as cat a.asc b.asc writes", a + b, "\x99first\x99second"},
		{"text around and between the blocks", "keys of the mirror:\n" + a + "and the next\n" + b + "end\n", "\x99first\x99second"},
		{"CRLF line ends", strings.ReplaceAll(a+b, "\n", "\r\n"), "\x99first\x99second"},
		{"a second block of another type", a + armored(t, PrivateKey, []byte("x")),
			"the armored block on line 6 is a PGP PRIVATE KEY BLOCK, not a PGP PUBLIC KEY BLOCK"},
		{"no END line", a + strings.TrimSuffix(b, "-----END PGP PUBLIC KEY BLOCK-----\n"),
			"the armored block on line 6 has no -----END PGP PUBLIC KEY BLOCK----- line"},
		{"a damaged checksum", b + damaged, "the armored block on line 6 fails its checksum (the =XXXX line), so it was damaged"},
		{"bad base64", "-----BEGIN PGP PUBLIC KEY BLOCK-----\n\n!!!!\n-----END PGP PUBLIC KEY BLOCK-----\n", "the armored block on line 1 is not valid armor"},
		{"no block", "just text\n", "is neither binary OpenPGP data nor armored"},
		{"empty", "", "is neither binary OpenPGP data nor armored"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Decode([]byte(tt.in), PublicKey)
			var e *Error
			switch {
			case err != nil && (!errors.As(err, &e) || err.Error() != tt.want):
				t.Errorf("error %q, want %q", err, tt.want)
			case err == nil && string(got) != tt.want:
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}
