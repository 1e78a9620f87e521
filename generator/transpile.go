package generator

import (
	"strings"

	"github.com/clarketm/json"
	"github.com/coreos/vcontext/report"
	"gopkg.in/yaml.v3"
)

// transpile translates the Butane tree with the flatcar variant packages only, which keeps start-up fast.
// It returns the Ignition config, which Butane has validated with no report entries, or a description of what went wrong.
func transpile(doc *yaml.Node, version string) (any, string) {
	release := releaseOf(version)
	if release == nil {
		return nil, "unsupported Butane version " + version
	}
	return release.translate(doc)
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
