package generator

import (
	v3_3 "github.com/coreos/ignition/v2/config/v3_3"
	v3_4 "github.com/coreos/ignition/v2/config/v3_4"
	"github.com/coreos/vcontext/report"
)

// validateIgnition is the final gate: the versioned parser must accept the JSON with no report entries.
func validateIgnition(ign []byte, butaneVersion string) string {
	var (
		r   report.Report
		err error
	)
	if butaneVersion == "1.1.0" {
		_, r, err = v3_4.Parse(ign)
	} else {
		_, r, err = v3_3.Parse(ign)
	}
	if err != nil || len(r.Entries) > 0 {
		return describe(r, err)
	}
	return ""
}
