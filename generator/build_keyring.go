package generator

import "encoding/base64"

// keyringPath is where systemd-sysupdate's gpg looks for the keys that verify SHA256SUMS.gpg; systemd 254 to 262 all read it.
const keyringPath = "/etc/systemd/import-pubring.gpg"

// verifies tells whether any extension has a signed update source, the only reason to write the keyring.
func (s *Spec) verifies() bool {
	for _, e := range s.Extensions {
		if e.Update != nil && e.Update.Verify.Value {
			return true
		}
	}
	return false
}

// keyring writes the binary keyring as a data URL, since Butane's inline contents must be text.
func (doc *document) keyring(s *Spec, k *keyring) {
	if !s.verifies() || k == nil {
		return
	}
	data := "data:;base64," + base64.StdEncoding.EncodeToString(k.binary)
	doc.files = append(doc.files, mapNode(strNode("path"), strNode(keyringPath), strNode("mode"), modeNode("0644"),
		strNode("contents"), mapNode(strNode("source"), strNode(data))))
}
