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

// TestTable runs the table on hyperfine-shaped exports and checks the verdicts, and n/a for a target without samples.
func TestTable(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("fast-1.json", `{"results":[
		{"command":"empty program","times":[0.001,0.001,0.001]},
		{"command":"gen typical","times":[0.004,0.004,0.004]},
		{"command":"butane typical","times":[0.005,0.005,0.005]}]}`)
	write("fast-2.json", `{"results":[
		{"command":"gen typical","times":[0.004]},
		{"command":"butane typical","times":[0.004]}]}`)
	write("rss.tsv", "gen typical\t20480\ngen typical\t40960\ngen typical\t30720\n")
	var out strings.Builder
	if err := printTable([]string{"-rounds", "2", dir}, &out); err != nil {
		t.Fatal(err)
	}
	rows := map[string]string{ // a row's label, and what its line must hold
		"typical: gen / butane":        "0.80x          0.80-1.00  <= 0.90x      pass", // pooled medians 4 ms / 5 ms
		"typical: gen / empty program": "4.00x          4.00-4.00  <= 3.00x      FAIL",
		"batch: validate 1000 files":   "not available  -          <= 1.00 s     n/a",
		"peak RSS: gen typical":        "30.0 MiB       -          <= 30.0 MiB   pass", // median of three samples
		"2 of 19 targets met":          "",
	}
	for label, want := range rows {
		if !hasLine(out.String(), label, want) {
			t.Errorf("no line %q ... %q in\n%s", label, want, out.String())
		}
	}
}

func hasLine(text, prefix, part string) bool {
	for _, line := range strings.Split(text, "\n") {
		if strings.HasPrefix(line, prefix) && strings.Contains(line, part) {
			return true
		}
	}
	return false
}
