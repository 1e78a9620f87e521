package generator

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	baseutil "github.com/coreos/ignition/v2/butane/base/util"
	"github.com/coreos/ignition/v2/butane/config/common"
	"gopkg.in/yaml.v3"
)

// TestButaneDataURL proves butaneDataURL gives what Butane's own MakeDataURL gives, over text and binary contents
// of every length up to past where gzip starts to win, and with the reused compressor going from long to short.
func TestButaneDataURL(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	var inputs [][]byte
	for n := range 400 {
		random := make([]byte, n)
		for i := range random {
			random[i] = byte(rng.UintN(256))
		}
		inputs = append(inputs, []byte(strings.Repeat("a", n)), random, []byte(strings.Repeat("Key=value %20 ü\n", n/16+1)[:n]))
	}
	inputs = append(inputs, []byte(testCA), bytes.Repeat([]byte("[Service]\nExecStart=/usr/bin/true\n"), 2000), nil)
	for i, in := range inputs {
		want, wantHow, err := baseutil.MakeDataURL(in, nil, true)
		if err != nil {
			t.Fatal(err)
		}
		if got, how := butaneDataURL(in); got != want || how != *wantHow {
			t.Fatalf("input %d (%d bytes): got %q with compression %q, Butane gives %q with %q", i, len(in), got, how, want, *wantHow)
		}
	}
}

// TestInlineAsDataSameIgnition proves the translation of a tree, with inline contents turned into data URLs first,
// gives byte for byte the Ignition that Butane's translation of the same text gives, for each Butane version and for
// the resources it rewrites and those it leaves to Butane.
func TestInlineAsDataSameIgnition(t *testing.T) {
	body := `storage:
  files:
    - path: /etc/short
      contents: {inline: "x"}
    - path: /etc/long
      contents:
        inline: |
%s
      append:
        - inline: "more\n"
        - inline: %q
    - path: /etc/empty
      contents: {inline: ""}
    - path: /etc/given
      contents: {inline: "already compressed, it says", compression: gzip}
    - path: /etc/empty-compression
      contents: {inline: "compress me if it pays, compress me if it pays", compression: ""}
    - path: /etc/source
      contents: {source: "data:,x"}
  luks:
    - name: data
      device: /dev/vdb
      key_file: {inline: secret}
ignition:
  config:
    merge:
      - inline: '{"ignition": {"version": "IGNITION"}}'
  security:
    tls:
      certificate_authorities:
        - inline: |
%s
`
	text := fmt.Sprintf(body, indent(strings.Repeat("line of a config file\n", 40), "          "),
		strings.Repeat("binary\x01\x02", 3), indent(testCA, "            "))
	for _, r := range butaneReleases {
		t.Run(r.version, func(t *testing.T) {
			src := []byte("variant: flatcar\nversion: " + r.version + "\n" + strings.Replace(text, "IGNITION", r.ignition, 1))
			want, rep, err := r.bytes(src, common.TranslateBytesOptions{})
			if err != nil || len(rep.Entries) > 0 {
				t.Fatalf("Butane: %v %v", err, rep)
			}
			var doc yaml.Node
			if err := yaml.Unmarshal(src, &doc); err != nil {
				t.Fatal(err)
			}
			cfg, rep, err := translateTree(&doc)
			if err != nil || len(rep.Entries) > 0 {
				t.Fatalf("translateTree: %v %v", err, rep)
			}
			got, err := marshalJSON(cfg, false)
			if err != nil {
				t.Fatal(err)
			}
			if want = append(want, '\n'); !bytes.Equal(got, want) {
				t.Errorf("got\n%s\nButane gives\n%s", got, want)
			}
			if !bytes.Contains(got, []byte(`"compression":"gzip"`)) || !bytes.Contains(got, []byte(`"compression":""`)) {
				t.Errorf("the config has no compressed or no uncompressed inline contents; the test covers less than it says:\n%s", got)
			}
		})
	}
}
