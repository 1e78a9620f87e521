package generator

import (
	"bytes"
	"encoding/base64"
	"strings"
	"testing"

	"github.com/ProtonMail/go-crypto/openpgp"
	"github.com/ProtonMail/go-crypto/openpgp/armor"
)

// testKeys makes one signing key and returns its public keys binary and armored, and its private key armored.
func testKeys(t *testing.T) (binary, armored, private []byte) {
	t.Helper()
	e, err := openpgp.NewEntity("test mirror", "", "mirror@example.invalid", nil)
	if err != nil {
		t.Fatal(err)
	}
	var bin, arm, priv bytes.Buffer
	if err := e.Serialize(&bin); err != nil {
		t.Fatal(err)
	}
	w, _ := armor.Encode(&arm, openpgp.PublicKeyType, nil)
	w.Write(bin.Bytes())
	w.Close()
	pw, _ := armor.Encode(&priv, openpgp.PrivateKeyType, nil)
	if err := e.SerializePrivate(pw, nil); err != nil {
		t.Fatal(err)
	}
	pw.Close()
	return bin.Bytes(), arm.Bytes(), priv.Bytes()
}

const signedExt = "extensions:\n  - name: a\n    version: '1'\n    source: https://m/a-1-x86-64.raw\n    update:\n      source: https://m/a/\n      verify: true\n"

func TestVerifyChecks(t *testing.T) {
	bin, arm, priv := testKeys(t)
	files := map[string]string{"keys.asc": string(arm), "keys.gpg": string(bin), "priv.asc": string(priv),
		"junk.gpg": "not a key", "cert.pem": testCA, "empty.gpg": ""}
	tests := []struct {
		name, spec string
		want       []string
	}{
		{"armored keyring", "update_keyring: keys.asc\n" + signedExt, nil},
		{"binary keyring", "update_keyring: keys.gpg\n" + signedExt, nil},
		{"verify without keyring", signedExt, []string{"s.yaml:7:15 verify-needs-keyring"}},
		{"verify on a bakery image", "update_keyring: keys.asc\nextensions:\n  - name: a\n    version: '1'\n    update: {verify: true}\n",
			[]string{"s.yaml:5:22 verify-bakery"}},
		{"verify on a local source", "update_keyring: keys.asc\n" + strings.Replace(signedExt, "source: https://m/a/", "source: /var/lib/sysext-updates/a", 1),
			[]string{"s.yaml:8:15 verify-local"}},
		{"verify false with keyring", "update_keyring: keys.asc\nextensions:\n  - name: a\n    version: '1'\n    update: {verify: false}\n",
			[]string{"s.yaml:1:17 keyring-unused"}},
		{"keyring unused strict", "update_keyring: keys.asc\nextensions:\n  - {name: a, version: '1'}\n",
			[]string{"s.yaml:1:17 keyring-unused (strict)"}},
		{"keyring unused silenced", "ignore_warnings: [keyring-unused]\nupdate_keyring: keys.asc\nextensions:\n  - {name: a, version: '1'}\n", nil},
		{"verify a string", "update_keyring: keys.asc\n" + strings.Replace(signedExt, "verify: true", "verify: 'yes'", 1),
			[]string{"s.yaml:1:17 keyring-unused", "s.yaml:8:15 wrong-type"}},
		{"keyring not a key", "update_keyring: junk.gpg\n" + signedExt, []string{"s.yaml:1:17 keyring-invalid"}},
		{"keyring a certificate", "update_keyring: cert.pem\n" + signedExt, []string{"s.yaml:1:17 keyring-invalid"}},
		{"keyring empty", "update_keyring: empty.gpg\n" + signedExt, []string{"s.yaml:1:17 keyring-invalid"}},
		{"keyring private", "update_keyring: priv.asc\n" + signedExt, []string{"s.yaml:1:17 keyring-invalid"}},
		{"keyring missing", "update_keyring: nope.asc\n" + signedExt, []string{"s.yaml:1:17 cannot-read"}},
		{"keyring a number", "update_keyring: 7\n" + signedExt, []string{"s.yaml:1:17 wrong-type"}},
		{"keyring also an include", "update_keyring: keys.asc\ninclude: [keys.asc]\n" + signedExt, []string{"keys.asc:1:1 not-mapping", "s.yaml:1:17 listed-twice"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := diagnose(tt.spec, Options{Strict: strings.HasSuffix(tt.name, "strict"), ReadFile: memFiles(files)})
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

// TestKeyringWritten proves the keyring reaches the node binary, the same for armored and binary input, and only with verify.
func TestKeyringWritten(t *testing.T) {
	bin, arm, _ := testKeys(t)
	files := memFiles(map[string]string{"keys.asc": string(arm), "keys.gpg": string(bin)})
	k, why := parseKeyring(bin)
	if why.code != "" {
		t.Fatal(why.text)
	}
	want := "source: data:;base64," + base64.StdEncoding.EncodeToString(k.binary) + "\n"
	var outs [][]byte
	for _, keys := range []string{"keys.asc", "keys.gpg", "keys.asc"} {
		res, rep := Generate("s.yaml", []byte("update_keyring: "+keys+"\n"+signedExt+"  - {name: b, version: '2', update: true}\n"),
			Options{Butane: true, ReadFile: files})
		if rep.HasErrors() {
			t.Fatal(rep)
		}
		bu := string(res.Butane)
		if !strings.Contains(bu, "- path: "+keyringPath+"\n      mode: 0644\n      contents:\n        "+want) {
			t.Errorf("%s: keyring not written as binary to %s:\n%s", keys, keyringPath, bu)
		}
		if strings.Count(bu, "Verify=yes\n") != 2 || strings.Count(bu, "Verify=false\n") != 2 {
			t.Errorf("%s: want Verify=yes in a's two transfer files and Verify=false in b's:\n%s", keys, bu)
		}
		outs = append(outs, res.Ignition)
	}
	if !bytes.Equal(outs[0], outs[1]) || !bytes.Equal(outs[0], outs[2]) {
		t.Error("armored and binary keyrings, or two runs, give different Ignition")
	}
	res, _ := Generate("s.yaml", []byte("update_keyring: keys.asc\nextensions:\n  - {name: b, version: '2', update: true}\n"), Options{Butane: true, ReadFile: files})
	if strings.Contains(string(res.Butane), keyringPath) {
		t.Errorf("an unused keyring was written:\n%s", res.Butane)
	}
}

// TestKeyringCountsAsFile proves update_keyring is held to the same bound on the number of files as ca and include.
func TestKeyringCountsAsFile(t *testing.T) {
	_, arm, _ := testKeys(t)
	files := map[string]string{"keys.asc": string(arm)}
	var inc []string
	for i := range MaxFiles {
		name := "i" + strings.Repeat("x", i) + ".bu"
		files[name] = "variant: flatcar\nversion: 1.0.0\n"
		inc = append(inc, name)
	}
	got := diagnose("include: ["+strings.Join(inc, ", ")+"]\nupdate_keyring: keys.asc\n"+signedExt, Options{ReadFile: memFiles(files)})
	if strings.Join(got, "\n") != "s.yaml:2:17 too-many-files" {
		t.Errorf("got %v, want the keyring as the file past the limit", got)
	}
}
