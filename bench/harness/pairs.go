package main

import (
	"flag"
	"fmt"
	"io"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"text/tabwriter"
	"time"
)

// runPairs times two commands alternately, pair by pair after a warm-up, and writes each pair's wall times to
// DIR/pairs-LABEL.tsv, so that on a shared machine a change in load falls on both commands of a pair alike and the
// median of the pairs' ratios, which the table reports, stays fair.
func runPairs(args []string) error {
	fs := flag.NewFlagSet("pairs", flag.ContinueOnError)
	n := fs.Int("n", 30, "number of pairs")
	warmup := fs.Int("warmup", 5, "pairs run first and not recorded")
	dir := fs.String("dir", ".", "where pairs-LABEL.tsv is written")
	if err := fs.Parse(args); err != nil || fs.NArg() != 3 {
		return fmt.Errorf("pairs wants flags, then LABEL, CMD and OTHER, each command one string")
	}
	label, a, b := fs.Arg(0), strings.Fields(fs.Arg(1)), strings.Fields(fs.Arg(2))
	if len(a) == 0 || len(b) == 0 {
		return fmt.Errorf("pairs %s: an empty command", label)
	}
	devnull, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0)
	if err != nil {
		return err
	}
	defer devnull.Close()
	var out strings.Builder
	fmt.Fprintf(&out, "# %s\t%s\n", fs.Arg(1), fs.Arg(2))
	for i := -*warmup; i < *n; i++ {
		// Which command runs first alternates too.
		first, second := a, b
		if i%2 != 0 {
			first, second = b, a
		}
		t1, err := wall(first, devnull)
		if err != nil {
			return err
		}
		t2, err := wall(second, devnull)
		if err != nil {
			return err
		}
		if i%2 != 0 {
			t1, t2 = t2, t1
		}
		if i >= 0 {
			fmt.Fprintf(&out, "%.9f\t%.9f\n", t1, t2)
		}
	}
	return os.WriteFile(filepath.Join(*dir, "pairs-"+label+".tsv"), []byte(out.String()), 0o644)
}

// wall runs one command to its end, its output discarded, and returns its wall time in seconds.
func wall(cmd []string, devnull *os.File) (float64, error) {
	c := exec.Command(cmd[0], cmd[1:]...)
	c.Stdout, c.Stderr = devnull, devnull
	start := time.Now()
	if err := c.Run(); err != nil {
		return 0, fmt.Errorf("%s: %v", strings.Join(cmd, " "), err)
	}
	return time.Since(start).Seconds(), nil
}

// readPairs reads DIR/pairs-LABEL.tsv: a comment line naming the two commands, then one line of wall times per pair.
func (m *measurements) readPairs(file string) error {
	label := strings.TrimSuffix(strings.TrimPrefix(filepath.Base(file), "pairs-"), ".tsv")
	b, err := os.ReadFile(file)
	if err != nil {
		return err
	}
	var p pairTimes
	for i, line := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		if i == 0 {
			cmds := strings.Split(strings.TrimPrefix(line, "# "), "\t")
			if len(cmds) != 2 {
				return fmt.Errorf("%s: first line does not name two commands", file)
			}
			p.cmds = [2]string{cmds[0], cmds[1]}
			continue
		}
		var num, den float64
		if _, err := fmt.Sscanf(line, "%g\t%g", &num, &den); err != nil || den <= 0 {
			return fmt.Errorf("%s: bad line %q", file, line)
		}
		p.num, p.den, p.ratios = append(p.num, num), append(p.den, den), append(p.ratios, num/den)
	}
	m.pairs[label] = p
	return nil
}

// printPairs shows each pair's medians, and the median and middle half of the ratios of its pairs.
func (m *measurements) printPairs(w io.Writer) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "alternating pair\tmedian\tagainst\tmedian\tpairs\tmedian ratio\tmiddle half")
	for _, label := range slices.Sorted(maps.Keys(m.pairs)) {
		p := m.pairs[label]
		fmt.Fprintf(tw, "%s: %s\t%s\t%s\t%s\t%d\t%.2fx\t%s\n", label, short(p.cmds[0]), seconds(median(p.num)),
			short(p.cmds[1]), seconds(median(p.den)), len(p.ratios), median(p.ratios), quartiles(p.ratios))
	}
	tw.Flush()
}

// short drops the directories of a command's program and arguments, which are bench/run's temporary ones.
func short(cmd string) string {
	fields := strings.Fields(cmd)
	for i, f := range fields {
		fields[i] = filepath.Base(f)
	}
	return strings.Join(fields, " ")
}

// quartiles renders the range of the middle half of xs, as a ratio.
func quartiles(xs []float64) string {
	s := slices.Clone(xs)
	slices.Sort(s)
	if len(s) == 0 {
		return "-"
	}
	return fmt.Sprintf("%.2f-%.2f", s[len(s)/4], s[len(s)-1-len(s)/4])
}
