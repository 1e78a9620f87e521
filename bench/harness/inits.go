package main

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"text/tabwriter"
)

// initLine is one package's line of GODEBUG=inittrace=1, which Go prints for each package that runs code before main.
var initLine = regexp.MustCompile(`(?m)^init (\S+) @\S+ ms, (\S+) ms clock, \d+ bytes, \d+ allocs$`)

// runInits runs BIN version with GODEBUG=inittrace=1 for each binary in turn, rotating which runs first, run by run
// after a warm-up, and writes each package's init clock time per run to DIR/inits.tsv: label, run, package, ms.
func runInits(args []string) error {
	fs := flag.NewFlagSet("inits", flag.ContinueOnError)
	n := fs.Int("n", 21, "runs of each binary")
	warmup := fs.Int("warmup", 3, "runs of each binary first, not recorded")
	dir := fs.String("dir", ".", "where inits.tsv is written")
	if err := fs.Parse(args); err != nil || fs.NArg() < 2 || fs.NArg()%2 != 0 {
		return fmt.Errorf("inits wants flags, then LABEL BIN pairs")
	}
	pairs := fs.Args()
	var out strings.Builder
	for i := -*warmup; i < *n; i++ {
		for j := range len(pairs) / 2 {
			k := (j + max(i, 0)) % (len(pairs) / 2)
			label, bin := pairs[2*k], pairs[2*k+1]
			lines, err := inittrace(bin)
			if err != nil {
				return err
			}
			for _, l := range lines {
				if i >= 0 {
					fmt.Fprintf(&out, "%s\t%d\t%s\t%s\n", label, i, l[0], l[1])
				}
			}
		}
	}
	return os.WriteFile(filepath.Join(*dir, "inits.tsv"), []byte(out.String()), 0o644)
}

// inittrace runs bin version and returns each package that ran code before main, with its clock time in ms.
func inittrace(bin string) ([][2]string, error) {
	cmd := exec.Command(bin, "version")
	cmd.Env = append(os.Environ(), "GODEBUG=inittrace=1")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("%s version: %v", bin, err)
	}
	var out [][2]string
	for _, m := range initLine.FindAllStringSubmatch(stderr.String(), -1) {
		out = append(out, [2]string{m[1], m[2]})
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%s version printed no inittrace lines", bin)
	}
	return out, nil
}

// initClass sorts a package into the standard library, third-party modules, or this repository's (with main).
func initClass(pkg string) string {
	first, _, _ := strings.Cut(pkg, "/")
	switch {
	case pkg == "main" || strings.HasPrefix(pkg, "github.com/sysext-ign/sysext-ign/"):
		return "ours"
	case strings.Contains(first, "."):
		return "third-party"
	}
	return "std"
}

var initClasses = []string{"std", "third-party", "ours"}

// inits are the per-package init times of each binary, per run.
type inits map[string]map[int]map[string]float64 // label -> run -> package -> ms

// sums gives a binary's init time of one class per run, or of all classes for "all".
func (in inits) sums(label, class string) map[int]float64 {
	out := map[int]float64{}
	for run, pkgs := range in[label] {
		for pkg, ms := range pkgs {
			if class == "all" || initClass(pkg) == class {
				out[run] += ms
			}
		}
		if _, ok := out[run]; !ok {
			out[run] = 0
		}
	}
	return out
}

// packageMedians gives each package's median init time over a binary's runs, counting a run it is absent from as 0.
func (in inits) packageMedians(label string) map[string]float64 {
	all := map[string][]float64{}
	for _, pkgs := range in[label] {
		for pkg := range pkgs {
			all[pkg] = nil
		}
	}
	for pkg := range all {
		for _, pkgs := range in[label] {
			all[pkg] = append(all[pkg], pkgs[pkg])
		}
	}
	out := map[string]float64{}
	for pkg, ms := range all {
		out[pkg] = median(ms)
	}
	return out
}

// labels lists the binaries measured, in name order.
func (in inits) labels() []string {
	var out []string
	for l := range in {
		out = append(out, l)
	}
	slices.Sort(out)
	return out
}

// readInits reads DIR/inits.tsv; a missing file means start-up was not measured.
func (m *measurements) readInits(file string) error {
	b, err := os.ReadFile(file)
	if os.IsNotExist(err) {
		return nil
	}
	if err != nil {
		return err
	}
	for _, line := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		var (
			label, pkg string
			run        int
			ms         float64
		)
		if _, err := fmt.Sscanf(line, "%s\t%d\t%s\t%g", &label, &run, &pkg, &ms); err != nil {
			return fmt.Errorf("%s: bad line %q", file, line)
		}
		if m.inits[label] == nil {
			m.inits[label] = map[int]map[string]float64{}
		}
		if m.inits[label][run] == nil {
			m.inits[label][run] = map[string]float64{}
		}
		m.inits[label][run][pkg] += ms
	}
	return nil
}

// printInits shows each binary's median init time by class, and where the baseline is measured, the packages whose
// init time differs most from the baseline's: the profile of start-up.
func (m *measurements) printInits(w io.Writer, baseline string) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "start-up (GODEBUG=inittrace=1 version, summed)\truns\tstd\tthird-party\tours\tall")
	for _, label := range m.inits.labels() {
		row := fmt.Sprintf("%s\t%d", label, len(m.inits[label]))
		for _, class := range append(slices.Clone(initClasses), "all") {
			row += fmt.Sprintf("\t%.3f ms", median(values(m.inits.sums(label, class))))
		}
		fmt.Fprintln(tw, row)
	}
	tw.Flush()
	for _, label := range m.inits.labels() {
		if label == baseline || m.inits[baseline] == nil {
			continue
		}
		now, base := m.inits.packageMedians(label), m.inits.packageMedians(baseline)
		type diff struct {
			pkg       string
			now, base float64
		}
		var diffs []diff
		for pkg := range maps.Keys(now) {
			diffs = append(diffs, diff{pkg, now[pkg], base[pkg]})
		}
		for pkg := range maps.Keys(base) {
			if _, ok := now[pkg]; !ok {
				diffs = append(diffs, diff{pkg, 0, base[pkg]})
			}
		}
		slices.SortFunc(diffs, func(a, b diff) int { return cmpFloat(abs(b.now-b.base), abs(a.now-a.base)) })
		fmt.Fprintf(w, "\npackages whose init differs most between %s and %s (median ms):\n", label, baseline)
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		for _, d := range diffs[:min(10, len(diffs))] {
			note := ""
			if _, linked := base[d.pkg]; !linked {
				note = "not in " + baseline
			}
			fmt.Fprintf(tw, "  %s\t%.3f\t%.3f\t%+.3f\t%s\n", d.pkg, d.now, d.base, d.now-d.base, note)
		}
		tw.Flush()
	}
}

// initsTarget is inits of label over the baseline's, run by run, or this repository's share of label's inits in percent.
func (m *measurements) initsTarget(kind, label, baseline string) (float64, string, bool) {
	all := m.inits.sums(label, "all")
	if len(all) == 0 {
		return 0, "-", false
	}
	var xs []float64
	switch kind {
	case "ours":
		ours := m.inits.sums(label, "ours")
		for run, total := range all {
			xs = append(xs, 100*ours[run]/total)
		}
	default:
		base := m.inits.sums(baseline, "all")
		for run, total := range all {
			if b, ok := base[run]; ok && b > 0 {
				xs = append(xs, total/b)
			}
		}
	}
	if len(xs) == 0 {
		return 0, "-", false
	}
	return median(xs), quartiles(xs), true
}

func values(m map[int]float64) []float64 { return slices.Collect(maps.Values(m)) }

func abs(x float64) float64 { return max(x, -x) }
