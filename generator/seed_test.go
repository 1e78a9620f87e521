package generator

import (
	"encoding/json"
	"reflect"
	"testing"

	butane "github.com/coreos/ignition/v2/butane/config"
	"github.com/coreos/ignition/v2/butane/config/common"
)

// seedButane is the Butane example of the Flatcar sysext doc, verbatim.
const seedButane = `variant: flatcar
version: 1.0.0
storage:
  files:
    - path: /etc/extensions/mydocker.raw
      mode: 0644
      contents:
        source: https://myserver.net/mydocker.raw
    - path: /etc/systemd/system-generators/torcx-generator
  directories:
    - path: /etc/extensions/docker-flatcar
    - path: /etc/extensions/containerd-flatcar
`

// TestSeedMatchesDoc proves the seed fixture means what the Flatcar doc's hand-written Butane means.
func TestSeedMatchesDoc(t *testing.T) {
	want, r, err := butane.TranslateBytes([]byte(seedButane), common.TranslateBytesOptions{})
	if err != nil || len(r.Entries) > 0 {
		t.Fatalf("butane: %v %v", err, r)
	}
	res, rep := genFixture(t, "../fixtures/seed", Options{})
	if rep.HasErrors() {
		t.Fatal(rep)
	}
	var a, b any
	if err := json.Unmarshal(want, &a); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(res.Ignition, &b); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(a, b) {
		t.Errorf("seed differs from the doc's example:\nwant %s\ngot  %s", want, res.Ignition)
	}
}
