package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"
)

// measurements are what bench/run collected: wall times per command and round, peak RSS samples, the wall times
// of commands run in alternating pairs, and each binary's package initialisation.
type measurements struct {
	times map[string]map[int][]float64 // command -> round -> seconds
	rss   map[string][]float64         // command -> KiB
	pairs map[string]pairTimes         // pair label -> times
	inits inits
}

// pairTimes are the wall times of two commands run alternately, pair by pair.
type pairTimes struct {
	cmds     [2]string
	num, den []float64 // seconds, index by pair
	ratios   []float64 // num/den of each pair
}

// target is one performance goal docs/development.md sets: a ratio of two commands' medians, or an absolute bound
// when den is empty; the median ratio of a pair's runs; or a figure of the binaries' package initialisation.
type target struct {
	label    string
	num, den string
	pair     string // the label of a pair whose median ratio is the value
	inits    string // "all": inits of this build over the baseline's, run by run; "ours": this repository's share
	rss      bool
	limit    float64
	unit     string
	aim      float64 // a longer-term goal below limit, shown beside it
}

var targets = []target{
	{label: "typical: gen / butane, alternating", pair: "typical", limit: 0.75, unit: "x"},
	{label: "typical: gen / empty program, alternating", pair: "empty", limit: 4, aim: 3, unit: "x"},
	{label: "start-up: inits / those of the baseline", inits: "all", limit: 1, unit: "x"},
	{label: "start-up: ours / all inits", inits: "ours", limit: 3, unit: "%"},
	{label: "includes: gen / butane, 20 files, alternating", pair: "includes", limit: 1.0, unit: "x"},
	{label: "scale: gen / butane, 499 ext, alternating", pair: "499", limit: 1.0, unit: "x"},
	{label: "batch: validate 1000 files", num: "validate 1000 files", limit: 1, unit: "s"},
	{label: "scale: gen 499 / gen 100 ext", num: "gen 499 ext", den: "gen 100 ext", limit: 6, unit: "x"},
	{label: "peak RSS: gen typical", num: "gen typical", rss: true, limit: 30, unit: "MiB"},
	{label: "peak RSS: gen / butane, 499 ext", num: "gen 499 ext", den: "butane 499 ext", rss: true, limit: 1.0, unit: "x"},
	{label: "worst: extensions", num: "gen worst ext", limit: 2, unit: "s"},
	{label: "worst: included files", num: "gen worst inc", limit: 2, unit: "s"},
	{label: "worst: keyring", num: "gen worst keyring", limit: 2, unit: "s"},
	{label: "worst: paths", num: "gen worst paths", limit: 2, unit: "s"},
	{label: "worst: restart lists", num: "gen worst restart", limit: 2, unit: "s"},
	{label: "worst: all at once", num: "gen worst all", limit: 2, unit: "s"},
	{label: "peak RSS: worst, extensions", num: "gen worst ext", rss: true, limit: 256, unit: "MiB"},
	{label: "peak RSS: worst, included files", num: "gen worst inc", rss: true, limit: 256, unit: "MiB"},
	{label: "peak RSS: worst, keyring", num: "gen worst keyring", rss: true, limit: 256, unit: "MiB"},
	{label: "peak RSS: worst, paths", num: "gen worst paths", rss: true, limit: 256, unit: "MiB"},
	{label: "peak RSS: worst, restart lists", num: "gen worst restart", rss: true, limit: 256, unit: "MiB"},
	{label: "peak RSS: worst, all at once", num: "gen worst all", rss: true, limit: 256, unit: "MiB"},
}

func printTable(args []string, w io.Writer) error {
	fs := flag.NewFlagSet("table", flag.ContinueOnError)
	rounds := fs.Int("rounds", 0, "number of interleaved rounds")
	load := fs.String("load", "", "load averages to print")
	typical := fs.String("typical", "", "the typical spec's name")
	baseline := fs.String("baseline", "", "the label of the binary in inits.tsv that start-up is compared with")
	if err := fs.Parse(args); err != nil || fs.NArg() != 1 {
		return fmt.Errorf("table wants flags and one DIR")
	}
	m, err := readMeasurements(fs.Arg(0))
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "sysext-ign bench: %d interleaved rounds on %s, %d CPUs; load average %s\n", *rounds, cpuModel(), runtime.NumCPU(), *load)
	fmt.Fprintf(w, "typical spec: %s\n\n", *typical)
	m.printMedians(w)
	fmt.Fprintln(w)
	if len(m.pairs) > 0 {
		m.printPairs(w)
		fmt.Fprintln(w)
	}
	if len(m.inits) > 0 {
		m.printInits(w, *baseline)
		fmt.Fprintln(w)
	}
	return m.printTargets(w, *baseline)
}

// readMeasurements loads hyperfine's JSON exports, named GROUP-ROUND.json, and rss.tsv from dir.
func readMeasurements(dir string) (*measurements, error) {
	m := &measurements{times: map[string]map[int][]float64{}, rss: map[string][]float64{}, pairs: map[string]pairTimes{}, inits: inits{}}
	files, err := filepath.Glob(filepath.Join(dir, "*-*.json"))
	if err != nil || len(files) == 0 {
		return nil, fmt.Errorf("no hyperfine results in %s", dir)
	}
	for _, f := range files {
		if err := m.readHyperfine(f); err != nil {
			return nil, err
		}
	}
	pairFiles, _ := filepath.Glob(filepath.Join(dir, "pairs-*.tsv"))
	for _, f := range pairFiles {
		if err := m.readPairs(f); err != nil {
			return nil, err
		}
	}
	if err := m.readInits(filepath.Join(dir, "inits.tsv")); err != nil {
		return nil, err
	}
	return m, m.readRSS(filepath.Join(dir, "rss.tsv"))
}

func (m *measurements) readHyperfine(file string) error {
	stem := strings.TrimSuffix(filepath.Base(file), ".json")
	round, err := strconv.Atoi(stem[strings.LastIndex(stem, "-")+1:])
	if err != nil {
		return fmt.Errorf("%s: name does not end in a round number", file)
	}
	b, err := os.ReadFile(file)
	if err != nil {
		return err
	}
	var export struct {
		Results []struct {
			Command string    `json:"command"`
			Times   []float64 `json:"times"`
		} `json:"results"`
	}
	if err := json.Unmarshal(b, &export); err != nil {
		return fmt.Errorf("%s: %v", file, err)
	}
	for _, r := range export.Results {
		if m.times[r.Command] == nil {
			m.times[r.Command] = map[int][]float64{}
		}
		m.times[r.Command][round] = append(m.times[r.Command][round], r.Times...)
	}
	return nil
}

// readRSS reads lines of "command<TAB>KiB"; a missing file means RSS was not measured.
func (m *measurements) readRSS(file string) error {
	f, err := os.Open(file)
	if os.IsNotExist(err) {
		return nil
	}
	if err != nil {
		return err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		name, kb, ok := strings.Cut(sc.Text(), "\t")
		v, err := strconv.ParseFloat(kb, 64)
		if !ok || err != nil {
			return fmt.Errorf("%s: bad line %q", file, sc.Text())
		}
		m.rss[name] = append(m.rss[name], v)
	}
	return sc.Err()
}

// all is every sample of a command, across rounds.
func (m *measurements) all(cmd string) []float64 {
	var out []float64
	for _, ts := range m.times[cmd] {
		out = append(out, ts...)
	}
	return out
}

func (m *measurements) printMedians(w io.Writer) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "command\tmedian wall\truns\tpeak RSS")
	names := make([]string, 0, len(m.times))
	for name := range m.times {
		names = append(names, name)
	}
	slices.SortFunc(names, func(a, b string) int { return cmpFloat(median(m.all(a)), median(m.all(b))) })
	for _, name := range names {
		rss := "-"
		if r := m.rss[name]; len(r) > 0 {
			rss = fmt.Sprintf("%.1f MiB", median(r)/1024)
		}
		fmt.Fprintf(tw, "%s\t%s\t%d\t%s\n", name, seconds(median(m.all(name))), len(m.all(name)), rss)
	}
	tw.Flush()
}

// thisBuild is the label bench/run gives the binary it built from the working tree, among those whose start-up it measures.
const thisBuild = "now"

func (m *measurements) printTargets(w io.Writer, baseline string) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "target\tmeasured\tspread\tgoal\tresult")
	met := 0
	for _, t := range targets {
		value, spread, ok := m.evaluate(t, baseline)
		result, shown := "n/a", "not available"
		if ok {
			shown = format(value, t.unit)
			result = "FAIL"
			if value <= t.limit {
				result = "pass"
				met++
			}
		}
		goal := "<= " + format(t.limit, t.unit)
		if t.aim > 0 {
			goal += " (aim " + format(t.aim, t.unit) + ")"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", t.label, shown, spread, goal, result)
	}
	tw.Flush()
	fmt.Fprintf(w, "\n%d of %d targets met\n", met, len(targets))
	fmt.Fprintln(w, "spread: the ratio's range over rounds, or the middle half of the runs of an alternating pair or of start-up")
	return nil
}

// evaluate computes a target's value from all samples, and the spread of the same value over rounds, pairs or runs.
func (m *measurements) evaluate(t target, baseline string) (float64, string, bool) {
	switch {
	case t.pair != "":
		p, ok := m.pairs[t.pair]
		if !ok || len(p.ratios) == 0 {
			return 0, "-", false
		}
		return median(p.ratios), quartiles(p.ratios), true
	case t.inits != "":
		return m.initsTarget(t.inits, thisBuild, baseline)
	}
	if t.rss {
		num, den := median(m.rss[t.num]), 1.0
		if t.den != "" {
			den = median(m.rss[t.den])
		} else {
			num /= 1024
		}
		return num / den, "-", num > 0 && den > 0
	}
	num := median(m.all(t.num))
	if num == 0 {
		return 0, "-", false
	}
	if t.den == "" {
		return num, "-", true
	}
	den := median(m.all(t.den))
	if den == 0 {
		return 0, "-", false
	}
	var perRound []float64
	for round, ts := range m.times[t.num] {
		if other := m.times[t.den][round]; len(other) > 0 {
			perRound = append(perRound, median(ts)/median(other))
		}
	}
	slices.Sort(perRound)
	spread := fmt.Sprintf("%.2f-%.2f", perRound[0], perRound[len(perRound)-1])
	return num / den, spread, true
}

func median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

func cmpFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func seconds(s float64) string {
	if s < 1 {
		return fmt.Sprintf("%.2f ms", s*1000)
	}
	return fmt.Sprintf("%.2f s", s)
}

func format(v float64, unit string) string {
	switch unit {
	case "x":
		return fmt.Sprintf("%.2fx", v)
	case "s":
		return seconds(v)
	case "%":
		return fmt.Sprintf("%.1f%%", v)
	}
	return fmt.Sprintf("%.1f %s", v, unit)
}

// cpuModel names the processor, so a table says what it was measured on.
func cpuModel() string {
	b, err := os.ReadFile("/proc/cpuinfo")
	if err != nil {
		return runtime.GOOS + "/" + runtime.GOARCH
	}
	for _, line := range strings.Split(string(b), "\n") {
		if k, v, ok := strings.Cut(line, ":"); ok && strings.TrimSpace(k) == "model name" {
			return strings.TrimSpace(v)
		}
	}
	return runtime.GOOS + "/" + runtime.GOARCH
}
