package generator

import (
	"errors"
	"strings"

	"github.com/clarketm/json"
	"github.com/coreos/vcontext/report"
	"github.com/sysext-ign/sysext-ign/internal/yamltree"
	"gopkg.in/yaml.v3"
)

// transpile translates the merged document once, with the flatcar variant packages only, which keeps start-up fast.
func transpile(r *reporter, doc *yaml.Node, m *merger, includes []included) (cfg any, why string) {
	cfg, rep, err := translateTree(doc)
	if err == nil && !rep.IsFatal() {
		// Butane's findings in what an include wrote are reported in that file, where Butane places them in the file alone.
		m.place(rep, includes) // what sysext-ign generated may draw warnings, which are not the user's to act on
		return cfg, ""
	}
	// When Butane stops at a failing stage, each include is translated alone instead, so that the problems of every
	// include are reported in one pass.
	if alone := translateAlone(includes); alone.HasErrors() {
		r.report = append(r.report, alone...)
		return nil, ""
	}
	// why describes a failure that no include explains: a bug in what sysext-ign generated.
	ours := m.place(rep, includes)
	switch {
	case ours.IsFatal():
		return nil, describe(ours, err)
	case r.report.HasErrors(): // findings in the includes explain the failure
		return nil, ""
	}
	return nil, describe(report.Report{}, err)
}

// translateTree translates a Butane tree through its version's typed Config, without encoding it as text first:
// the Ignition config, and Butane's report, whose findings have paths but no positions.
func translateTree(doc *yaml.Node) (any, report.Report, error) {
	version := yamltree.ValueOf(doc.Content[0], "version").Value
	release := releaseOf(version)
	if release == nil {
		return nil, report.Report{}, errors.New("unsupported Butane version " + version)
	}
	c, err := release.decode(doc)
	if err != nil {
		return nil, report.Report{}, err
	}
	return release.translate(c)
}

// place reports each finding in what an include wrote in that file, at the line and column of the node it is about,
// and returns the findings about what sysext-ign generated, which no include explains.
func (m *merger) place(rep report.Report, includes []included) report.Report {
	var ours report.Report
	for _, e := range rep.Entries {
		n := placed(m.doc, e.Context)
		file, ok := m.origin[n]
		if !ok {
			ours.Entries = append(ours.Entries, e)
			continue
		}
		for _, inc := range includes {
			if inc.file == file {
				sub := &reporter{file: file, end: inc.end}
				sub.add(posOf(n), msgButaneReport(e.Kind.IsFatal(), butaneAdvice(e)))
				m.report = append(m.report, sub.report...)
			}
		}
	}
	return ours
}

// marshalJSON matches the butane CLI byte for byte: clarketm/json drops empty structs, and a newline ends the output.
func marshalJSON(cfg any, pretty bool) ([]byte, error) {
	var (
		out []byte
		err error
	)
	if pretty {
		out, err = json.MarshalIndent(cfg, "", "  ")
	} else {
		out, err = json.Marshal(cfg)
	}
	return append(out, '\n'), err
}

// describe flattens a library report into one line for an internal-error message, which must stay one diagnostic line.
func describe(r report.Report, err error) string {
	var text string
	if len(r.Entries) > 0 {
		text = r.String()
	} else {
		text = err.Error()
	}
	return strings.Join(strings.Split(strings.TrimSpace(text), "\n"), "; ")
}
