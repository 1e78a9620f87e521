package generator

import (
	"fmt"
	"slices"
	"sort"

	"gopkg.in/yaml.v3"
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

// Code names one kind of diagnostic; it never changes, so users can write it in ignore_warnings and tests can match on it.
type Code string

// Kind is one sort of diagnostic: its code, the severity it is reported with, and what docs/diagnostics.md says of it.
type Kind struct {
	Code     Code
	Severity Severity
	Means    string // what the diagnostic means, in a sentence or two
	Fix      string // what the user does about it
}

// KindOf looks code up in Kinds; ok is false for a code sysext-ign does not have.
func KindOf(code Code) (k Kind, ok bool) {
	for _, k := range Kinds {
		if k.Code == code {
			return k, true
		}
	}
	return Kind{}, false
}

// codesOf lists the codes of one severity, in Kinds' order.
func codesOf(sev Severity) []string {
	var out []string
	for _, k := range Kinds {
		if k.Severity == sev {
			out = append(out, string(k.Code))
		}
	}
	return out
}

// Silenceable tells whether ignore_warnings may name code: warnings may be silenced, errors never.
func Silenceable(code Code) bool {
	k, ok := KindOf(code)
	return ok && k.Severity == Warning
}

// Diagnostic is a problem positioned in the user's input, so editors and humans can jump to it.
type Diagnostic struct {
	File     string
	Line     int // 1-based; 0 means the diagnostic is about the whole file
	Col      int // 1-based; 0 means the input's reader gave the line only
	Severity Severity
	Code     Code
	Message  string
}

// NewDiagnostic places a diagnostic of code in file at p, with the severity Kinds gives the code;
// an unknown code is a bug in the caller and panics.
func NewDiagnostic(file string, p Pos, code Code, msg string) Diagnostic {
	k, ok := KindOf(code)
	if !ok {
		panic("diagnostic code " + string(code) + " is not in Kinds")
	}
	return Diagnostic{File: file, Line: p.Line, Col: p.Col, Severity: k.Severity, Code: code, Message: msg}
}

func (p problem) at(file string, pos Pos) Diagnostic { return NewDiagnostic(file, pos, p.code, p.msg) }

// String renders the FILE:LINE:COL: severity: message form that editors parse, as one line that shows what it says
// whoever wrote the message.
func (d Diagnostic) String() string {
	s := fmt.Sprintf("%s: %s: %s", d.File, d.Severity, d.Message)
	switch {
	case d.Line > 0 && d.Col > 0:
		s = fmt.Sprintf("%s:%d:%d: %s: %s", d.File, d.Line, d.Col, d.Severity, d.Message)
	case d.Line > 0:
		s = fmt.Sprintf("%s:%d: %s: %s", d.File, d.Line, d.Severity, d.Message)
	}
	// A warning's code ends the line, also when --strict made it an error, so the user can name it in ignore_warnings.
	if Silenceable(d.Code) {
		s += " [" + string(d.Code) + "]"
	}
	// Any URL's userinfo is masked, and every control or format character escaped.
	return EscapeText(MaskURLs(s))
}

// reporter collects the problems found in one file, each step of generation adding to it.
type reporter struct {
	file   string
	report Report
	end    Pos  // where the input ends; yaml.v3 places an empty value at the very end one line further on
	allow  Code // a code not to report, for a caller that fixes what it reports
}

// add places pr at p, kept inside the input so an editor can jump to it.
func (r *reporter) add(p Pos, pr problem) {
	if r.allow != "" && pr.code == r.allow {
		return
	}
	if r.end.Line > 0 && (p.Line > r.end.Line || p.Line == r.end.Line && p.Col > r.end.Col) {
		p = r.end
	}
	r.report = append(r.report, pr.at(r.file, p))
}

func (r *reporter) errorAt(n *yaml.Node, pr problem) { r.add(posOf(n), pr) }

func posOf(n *yaml.Node) Pos { return Pos{Line: n.Line, Col: n.Column} }

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

// Silence drops the warnings whose code is in codes, which the spec's ignore_warnings names.
func (r Report) Silence(codes []Code) Report {
	if len(codes) == 0 {
		return r
	}
	out := make(Report, 0, len(r))
	for _, d := range r {
		if d.Severity == Error || !slices.Contains(codes, d.Code) {
			out = append(out, d)
		}
	}
	return out
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
