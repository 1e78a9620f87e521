package generator

import (
	"strings"

	"github.com/clarketm/json"
	"github.com/coreos/ignition/v2/butane/config/common"
	flatcar1_0 "github.com/coreos/ignition/v2/butane/config/flatcar/v1_0"
	flatcar1_1 "github.com/coreos/ignition/v2/butane/config/flatcar/v1_1"
	"github.com/coreos/vcontext/report"
	"gopkg.in/yaml.v3"
)

// transpile translates the Butane tree with the flatcar variant packages only, which keeps start-up fast.
// It returns the Ignition config, which Butane has validated with no report entries, or a description of what went wrong.
func transpile(doc *yaml.Node, version string) (any, string) {
	var (
		cfg any
		r   report.Report
		err error
	)
	opts := common.TranslateOptions{}
	switch version {
	case "1.1.0":
		var c flatcar1_1.Config
		if err := doc.Decode(&c); err != nil {
			return nil, err.Error()
		}
		cfg, r, err = c.ToIgn3_4(opts)
	default:
		var c flatcar1_0.Config
		if err := doc.Decode(&c); err != nil {
			return nil, err.Error()
		}
		cfg, r, err = c.ToIgn3_3(opts)
	}
	if err != nil || r.IsFatal() { // warnings can only come from includes, which were reported where they are
		return nil, describe(r, err)
	}
	return cfg, ""
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
