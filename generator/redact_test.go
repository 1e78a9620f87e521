package generator

import "testing"

// TestMaskURLs covers URLs that do not parse, since a password must be hidden whatever else is wrong with its URL.
func TestMaskURLs(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{`no url here, a@b`, `no url here, a@b`},
		{`source "https://h/a.raw" is fine`, `source "https://h/a.raw" is fine`},
		{`"https://u:hunter2@h/a.raw"`, `"https://u:xxxxx@h/a.raw"`},
		{`"https://u:hunter%32@h/a.raw"`, `"https://u:xxxxx@h/a.raw"`},
		{`"https://u:hunter2@h:99999/a.raw"`, `"https://u:xxxxx@h:99999/a.raw"`},
		{`"https://u:hun ter@h/a.raw" has a space`, `"https://u:xxxxx@h/a.raw" has a space`},
		{`"https://u:hu/n#t?er@h/a.raw"`, `"https://u:xxxxx@h/a.raw"`},
		{`"https://u:hu\"nt\\er@h/a.raw"`, `"https://u:xxxxx@h/a.raw"`},
		{`"https://u:p@ss@h/a.raw"`, `"https://u:xxxxx@h/a.raw"`},
		{`fetching https://u:pw@h/SHA256SUMS: 404 Not Found`, `fetching https://u:xxxxx@h/SHA256SUMS: 404 Not Found`},
		{`https://ghp_t0ken@h/a.raw`, `https://xxxxx@h/a.raw`},
		{`"s3://k:s@b/a" and "gs://k:s2@b/c"`, `"s3://k:xxxxx@b/a" and "gs://k:xxxxx@b/c"`},
		{`a; "https://u:x@h"; b`, `a; "https://u:xxxxx@h"; b`},
	} {
		if got := MaskURLs(tc.in); got != tc.want {
			t.Errorf("MaskURLs(%s) = %s, want %s", tc.in, got, tc.want)
		}
		if got := MaskURLs(MaskURLs(tc.in)); got != tc.want {
			t.Errorf("MaskURLs twice (%s) = %s, want %s", tc.in, got, tc.want)
		}
	}
}
