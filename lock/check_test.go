package lock

import (
	"strconv"
	"strings"
	"testing"

	"github.com/sysext-ign/sysext-ign/generator"
)

// TestCheck covers lock --check: a fully pinned spec whose every URL answers passes; anything else is one error per
// problem at the extension, and pinned extensions' lists are read again to prove their hash is still listed.
func TestCheck(t *testing.T) {
	mirror := newSigner(t, "mirror")
	list := sumsOf("m-1-x86-64.raw")
	good := map[string]string{
		"/a/SHA256SUMS": sumsOf("a-1-x86-64.raw"), "/a-1-x86-64.raw": "image",
		"/m/SHA256SUMS": list, "/m/SHA256SUMS.gpg": mirror.sign(t, list, false), "/m-1-x86-64.raw": "image",
	}
	pinnedA := "  - {name: a, version: '1', hash: sha256-" + hexA + "}\n"
	signed := func(b *bakery) string {
		return "  - name: m\n    version: '1'\n    source: " + b.URL + "/m-1-x86-64.raw\n    hash: sha256-" + hexA + "\n" +
			"    update: {source: '" + b.URL + "/m/', verify: true}\n"
	}
	tests := []struct {
		name   string
		remove string // a file the mirror lacks
		change func(files map[string]string)
		exts   func(b *bakery) string
		want   []string // code and line of each error
	}{
		{"fully pinned, all there", "", nil, func(b *bakery) string { return pinnedA + signed(b) }, nil},
		{"image missing", "/a-1-x86-64.raw", nil, func(b *bakery) string { return pinnedA }, []string{"image-unreachable 4"}},
		{"list missing", "/a/SHA256SUMS", nil, func(b *bakery) string { return pinnedA }, []string{"fetch-failed 4"}},
		{"signature missing", "/m/SHA256SUMS.gpg", nil, signed, []string{"signature-missing 4"}},
		{"signature bad", "", func(f map[string]string) { f["/m/SHA256SUMS.gpg"] = "garbage" }, signed, []string{"signature-invalid 4"}},
		{"signed image missing", "/m-1-x86-64.raw", nil, signed, []string{"image-unreachable 4"}},
		{"hash no longer listed", "", func(f map[string]string) { f["/a/SHA256SUMS"] = sumsOf("z-0-x86-64.raw", "a-1-x86-64.raw") },
			func(b *bakery) string { return pinnedA }, []string{"hash-not-listed 4"}},
		{"line gone", "", func(f map[string]string) { f["/a/SHA256SUMS"] = sumsOf("a-2-x86-64.raw") },
			func(b *bakery) string { return pinnedA }, []string{"sums-no-line 4"}},
		{"not pinned", "", nil, func(b *bakery) string { return "  - {name: a, version: '1'}\n" }, []string{"not-pinned 4"}},
		{"latest", "", nil, func(b *bakery) string { return "  - {name: a, version: latest}\n" }, []string{"not-pinned 4"}},
		{"own source without a list", "", nil, func(b *bakery) string { return "  - {name: o, source: '" + b.URL + "/a-1-x86-64.raw'}\n" },
			[]string{"not-pinned 4"}},
		{"own source pinned by hand", "", nil, func(b *bakery) string {
			return "  - {name: o, source: '" + b.URL + "/a-1-x86-64.raw', hash: sha256-" + hexB + "}\n"
		}, nil},
		{"one line per problem", "/a-1-x86-64.raw", nil, func(b *bakery) string {
			return pinnedA + "  - {name: b, version: '1'}\n"
		}, []string{"image-unreachable 4", "fetch-failed 5", "not-pinned 5"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files := map[string]string{}
			for k, v := range good {
				files[k] = v
			}
			if tt.change != nil {
				tt.change(files)
			}
			b := newBakery(t, files)
			delete(b.files, tt.remove)
			spec := "bakery_url: " + b.URL + "\nupdate_keyring: keys.gpg\nextensions:\n" + tt.exts(b)
			if !strings.Contains(spec, "verify: true") {
				spec = strings.Replace(spec, "update_keyring: keys.gpg\n", "ignore_warnings: [keyring-unused]\n", 1)
			}
			rep := Check("spec.yaml", []byte(spec), fastClient(), keyringFile(mirror.public))
			var got []string
			for _, d := range rep {
				got = append(got, string(d.Code)+" "+strconv.Itoa(d.Line))
			}
			if strings.Join(got, ", ") != strings.Join(tt.want, ", ") {
				t.Errorf("got %v\nwant %v\n%v", got, tt.want, rep)
			}
			if tt.want == nil && b.hits["/a/SHA256SUMS"] == 0 && strings.Contains(spec, "name: a,") {
				t.Errorf("--check did not read the list of a pinned extension")
			}
		})
	}
}

// TestCheckRefusesInvalidSpec shows --check runs gen's checks first, letting through only version: latest.
func TestCheckRefusesInvalidSpec(t *testing.T) {
	b := newBakery(t, nil)
	rep := Check("spec.yaml", []byte("bakery_url: "+b.URL+"\narch: i386\nextensions:\n  - {name: a, version: latest}\n"), fastClient(), nil)
	if len(rep) != 1 || rep[0].Code != "unknown-value" || len(b.hits) != 0 {
		t.Errorf("got %v, hits %v", rep, b.hits)
	}
}

// TestLockRefusesWhatGenWouldRefuse shows lock runs gen's whole check on the text it is about to write: pins
// that take a spec just under the size limit past it leave the spec unwritten.
func TestLockRefusesWhatGenWouldRefuse(t *testing.T) {
	b := newBakery(t, map[string]string{"/a/SHA256SUMS": sumsOf("a-1-x86-64.raw")})
	spec := "bakery_url: " + b.URL + "\nextensions:\n  - name: a\n    version: '1'\n"
	pad := "# padding\n"
	spec += strings.Repeat(pad, (generator.MaxSpecBytes-len(spec)-40)/len(pad))
	if _, rep := generator.Generate("spec.yaml", []byte(spec), generator.Options{}); rep.HasErrors() {
		t.Fatalf("the spec should pass gen as written: %v", rep)
	}
	res, rep := Lock("spec.yaml", []byte(spec), fastClient(), nil)
	if res != nil {
		t.Fatalf("lock wrote a spec of %d bytes, which gen refuses", len(res.Spec))
	}
	if len(rep) != 1 || rep[0].Code != "pinned-spec-invalid" || !strings.Contains(rep[0].Message, "larger than the 1 MiB limit") {
		t.Errorf("got %v", rep)
	}
}
