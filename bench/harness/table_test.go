package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestMedian(t *testing.T) {
	for _, tt := range []struct {
		in   []float64
		want float64
	}{{nil, 0}, {[]float64{3}, 3}, {[]float64{5, 1, 3}, 3}, {[]float64{4, 1, 3, 2}, 2.5}} {
		if got := median(tt.in); got != tt.want {
			t.Errorf("median(%v) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

// TestTable runs the table on hyperfine-shaped exports, alternating pairs and inittrace sums, and checks the verdicts,
// and n/a for a target without samples.
func TestTable(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("fast-1.json", `{"results":[
		{"command":"empty program","times":[0.001,0.001,0.001]},
		{"command":"gen 100 ext","times":[0.010,0.010,0.010]},
		{"command":"gen 499 ext","times":[0.040,0.040,0.040]}]}`)
	write("fast-2.json", `{"results":[
		{"command":"gen 100 ext","times":[0.010]},
		{"command":"gen 499 ext","times":[0.080]}]}`)
	write("rss.tsv", "gen typical\t20480\ngen typical\t40960\ngen typical\t30720\n")
	// Ratios 0.5, 0.6, 0.8, 0.9 and 1.0: the median is 0.8, over the 0.75 goal.
	write("pairs-typical.tsv", "# /t/bin/sysext-ign gen /t/in/typical.yaml\t/t/bin/internal --strict /t/in/typical.bu\n"+
		"0.005\t0.010\n0.006\t0.010\n0.008\t0.010\n0.009\t0.010\n0.010\t0.010\n")
	write("pairs-empty.tsv", "# gen\tempty\n0.004\t0.001\n0.003\t0.001\n0.005\t0.001\n")
	// Two runs each: this build sums 0.9 and 1.1 ms, of which 0.01 ms ours; the baseline sums 1.0 ms both times.
	write("inits.tsv", "now\t0\truntime\t0.5\nnow\t0\tgithub.com/x/y\t0.39\nnow\t0\tmain\t0.01\n"+
		"now\t1\truntime\t0.6\nnow\t1\tgithub.com/x/y\t0.49\nnow\t1\tgithub.com/sysext-ign/sysext-ign/generator\t0.01\n"+
		"old\t0\truntime\t0.6\nold\t0\tgithub.com/sysext-ign/sysext-ign/generator\t0.4\n"+
		"old\t1\truntime\t0.6\nold\t1\tgithub.com/sysext-ign/sysext-ign/generator\t0.4\n")
	var out strings.Builder
	if err := printTable([]string{"-rounds", "2", "-baseline", "old", dir}, &out); err != nil {
		t.Fatal(err)
	}
	rows := map[string]string{ // a row's label, and what its line must hold
		"typical: gen / butane, alternating":           "0.80x          0.60-0.90  <= 0.75x             FAIL",
		"typical: gen / empty program, alternating":    "4.00x          3.00-5.00  <= 4.00x (aim 3.00x)  pass",
		"start-up: inits / those of the baseline":      "1.00x          0.90-1.10  <= 1.00x             pass",
		"start-up: ours / all inits":                   "1.0% 0.91-1.11 <= 3.0% pass",
		"scale: gen 499 / gen 100 ext":                 "4.00x          4.00-8.00  <= 6.00x             pass",
		"batch: validate 1000 files":                   "not available  -          <= 1.00 s            n/a",
		"peak RSS: gen typical":                        "30.0 MiB       -          <= 30.0 MiB          pass", // median of three samples
		"5 of 22 targets met":                          "",
		"typical: sysext-ign gen typical.yaml":         "internal --strict typical.bu",
		"now ":                                         "0.550 ms  0.440 ms     0.010 ms  1.000 ms",
		"  github.com/sysext-ign/sysext-ign/generator": "-0.395",
		"  github.com/x/y":                             "not in old",
	}
	for label, want := range rows {
		if !hasLine(out.String(), label, want) {
			t.Errorf("no line %q ... %q in\n%s", label, want, out.String())
		}
	}
}

// hasLine tells whether a line of text starts with prefix and holds part, with runs of spaces read as one.
func hasLine(text, prefix, part string) bool {
	for _, line := range strings.Split(text, "\n") {
		if strings.HasPrefix(line, prefix) && strings.Contains(strings.Join(strings.Fields(line), " "), strings.Join(strings.Fields(part), " ")) {
			return true
		}
	}
	return false
}

// TestPairs runs two commands in alternating pairs and reads back one line of two wall times per pair.
func TestPairs(t *testing.T) {
	dir := t.TempDir()
	if err := runPairs([]string{"-n", "4", "-warmup", "1", "-dir", dir, "two", "true", "sleep 0.01"}); err != nil {
		t.Fatal(err)
	}
	m := &measurements{pairs: map[string]pairTimes{}}
	if err := m.readPairs(filepath.Join(dir, "pairs-two.tsv")); err != nil {
		t.Fatal(err)
	}
	p := m.pairs["two"]
	if len(p.ratios) != 4 || p.cmds != [2]string{"true", "sleep 0.01"} || median(p.den) < 0.01 || median(p.ratios) >= 1 {
		t.Errorf("got %d pairs of %q, median times %v and %v", len(p.ratios), p.cmds, median(p.num), median(p.den))
	}
	if err := runPairs([]string{"-n", "1", "-dir", dir, "fails", "true", "false"}); err == nil {
		t.Error("a command that fails did not fail the pairs")
	}
}
