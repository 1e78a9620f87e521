package generator

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	v3_4 "github.com/coreos/ignition/v2/config/v3_4"
	"github.com/coreos/ignition/v2/config/v3_4/types"
)

// ignitionLineMax is the longest unit file line, newline excluded, that Ignition v2.27.0 accepts wherever the line
// stands: its unit parser is go-systemd's deserializer, which refuses a line when the next SYSTEMD_LINE_MAX (2048)
// bytes hold no newline.
const ignitionLineMax = 2047

// TestIgnitionLineMax pins ignitionLineMax to Ignition's own parser: a drop-in line of that length is valid, one byte
// more is not.
func TestIgnitionLineMax(t *testing.T) {
	for _, c := range []struct {
		length int
		valid  bool
	}{{ignitionLineMax, true}, {ignitionLineMax + 1, false}} {
		head := "ExecStartPost=/usr/bin/true "
		contents := "[Service]\n" + head + strings.Repeat("x", c.length-len(head)) + "\nExecStartPost=/usr/bin/true\n"
		cfg := types.Config{Ignition: types.Ignition{Version: "3.4.0"}, Systemd: types.Systemd{Units: []types.Unit{
			{Name: "a.service", Dropins: []types.Dropin{{Name: "a.conf", Contents: &contents}}}}}}
		b, err := json.Marshal(cfg)
		if err != nil {
			t.Fatal(err)
		}
		_, r, err := v3_4.Parse(b)
		if valid := err == nil && !r.IsFatal(); valid != c.valid {
			t.Errorf("a %d-byte line: valid %v, want %v (%v %s)", c.length, valid, c.valid, err, r)
		}
	}
}

// TestDropinLinesAtTheLimits generates drop-ins at the bounds the checks allow, the longest extension name with
// restart lists of the longest unit names, escaped at their worst (every backslash doubled for systemd), up to as
// many as a spec of MaxSpecBytes holds, and expects valid Ignition with no drop-in line over ignitionLineMax.
func TestDropinLinesAtTheLimits(t *testing.T) {
	name := strings.Repeat("n", 64)
	worst := strings.Repeat(`\`, unitNameMax-len(".service")) + ".service"
	for _, c := range []struct {
		what  string
		units int
		unit  string
	}{
		{"one unit of the longest name", 1, worst},
		{"7 units of the longest name", 7, worst},
		{"40 short units", 40, "a.service"},
		{"as many of the longest names as a spec holds", (MaxSpecBytes - 200) / (len(worst) + len("      - ''\n")), worst},
	} {
		t.Run(c.what, func(t *testing.T) {
			var spec strings.Builder
			fmt.Fprintf(&spec, "disable: [torcx-generator]\nextensions:\n  - name: %s\n    version: '1'\n    update:\n      restart:\n", name)
			for range c.units {
				fmt.Fprintf(&spec, "      - '%s'\n", c.unit)
			}
			if spec.Len() > MaxSpecBytes {
				t.Fatalf("the spec is %d bytes, over MaxSpecBytes", spec.Len())
			}
			res, rep := Generate("s.yaml", []byte(spec.String()), Options{})
			if rep.HasErrors() {
				t.Fatalf("%d units: %v", c.units, rep)
			}
			var cfg types.Config
			if err := json.Unmarshal(res.Ignition, &cfg); err != nil {
				t.Fatal(err)
			}
			longest, restarts := 0, 0
			for _, u := range cfg.Systemd.Units {
				for _, d := range u.Dropins {
					for _, l := range strings.Split(*d.Contents, "\n") {
						longest = max(longest, len(l))
						if strings.Contains(l, "systemctl restart -- ") {
							restarts++
						}
					}
				}
			}
			if longest > ignitionLineMax || restarts != c.units {
				t.Errorf("%d units: the longest drop-in line has %d bytes (at most %d), and %d lines restart a unit",
					c.units, longest, ignitionLineMax, restarts)
			}
		})
	}
}
