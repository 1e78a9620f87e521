package generator

import (
	"fmt"
	"sort"
)

// Severity separates problems that stop generation from advice the user may ignore.
type Severity int

const (
	// Error stops generation.
	Error Severity = iota
	// Warning is reported but stops generation only under strict mode.
	Warning
)

func (s Severity) String() string {
	if s == Warning {
		return "warning"
	}
	return "error"
}

// Diagnostic is a problem positioned in the user's input, so editors and humans can jump to it.
type Diagnostic struct {
	File     string
	Line     int // 1-based; 0 means the diagnostic is about the whole file
	Col      int // 1-based
	Severity Severity
	Message  string
}

// String renders the conventional FILE:LINE:COL: severity: message form that editors parse,
// with the userinfo of any URL in it masked, whoever wrote the message.
func (d Diagnostic) String() string {
	if d.Line == 0 {
		return MaskURLs(fmt.Sprintf("%s: %s: %s", d.File, d.Severity, d.Message))
	}
	return MaskURLs(fmt.Sprintf("%s:%d:%d: %s: %s", d.File, d.Line, d.Col, d.Severity, d.Message))
}

// Report collects every problem found in one pass so users fix them all at once.
type Report []Diagnostic

// HasErrors tells whether the report stops generation.
func (r Report) HasErrors() bool {
	for _, d := range r {
		if d.Severity == Error {
			return true
		}
	}
	return false
}

// sorted groups diagnostics by file, in the order files first appear, then orders them by position,
// so output does not depend on check order.
func (r Report) sorted() Report {
	rank := map[string]int{}
	for _, d := range r {
		if _, ok := rank[d.File]; !ok {
			rank[d.File] = len(rank)
		}
	}
	sort.SliceStable(r, func(i, j int) bool {
		a, b := r[i], r[j]
		switch {
		case rank[a.File] != rank[b.File]:
			return rank[a.File] < rank[b.File]
		case a.Line != b.Line:
			return a.Line < b.Line
		}
		return a.Col < b.Col
	})
	return r
}
