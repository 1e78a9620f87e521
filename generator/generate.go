// Package generator turns a sysext-ign spec into Butane and validated Ignition.
//
// It reads nothing but its arguments and never prints, exits or touches the network,
// so the CLI, the Terraform mode and tests can all drive it.
package generator

import (
	"github.com/sysext-ign/sysext-ign/internal/yamltree"
	"gopkg.in/yaml.v3"
)

// Options are the switches a caller may set; the zero value is the CLI's default.
type Options struct {
	Pretty bool // indent the Ignition JSON
	Strict bool // treat warnings as errors
	Butane bool // fill Result.Butane; off by default, as YAML encoding is slow and memory-hungry on large specs
	Debug  bool // fill Result.Debug with the Butane, secrets masked

	// ReadFile reads the CA and include files a spec names, resolved against the spec's directory.
	// Leave it nil where the spec may not name files.
	ReadFile func(name string) ([]byte, error)
}

// Result holds what generation produced; Ignition is set only when it passed validation.
type Result struct {
	Butane   []byte // Butane YAML, exactly what was translated; set only with Options.Butane
	Ignition []byte // Ignition JSON ending in a newline
	Debug    []byte // Butane YAML with header values replaced by ***
}

// Generate decodes, checks, builds, transpiles and validates one spec named file, reporting every problem in one pass
// so that users fix them all at once; it succeeded when the report has no errors.
func Generate(file string, src []byte, opts Options) (*Result, Report) {
	res, _, _, rep := generate(file, src, opts, "")
	return res, rep
}

// generate is Generate that also returns the decoded spec and its files, so lock sees what gen saw;
// it leaves out diagnostics of code allow, which lock will fix, and reports everything else as gen does.
func generate(file string, src []byte, opts Options, allow Code) (*Result, *Spec, *assets, Report) {
	r := &reporter{file: file, allow: allow}
	var (
		doc *yaml.Node
		cfg any
		why string
	)
	spec := decodeAndCheck(r, src)
	var in *assets
	if spec != nil {
		in = load(r, spec, opts)
		doc, cfg, why = assemble(r, spec, in)
	}
	rep := r.report.sorted()
	if spec != nil {
		rep = rep.Silence(spec.silenced())
	}
	if opts.Strict {
		rep = promote(rep)
	}
	if doc == nil || rep.HasErrors() || cfg == nil && why == "" {
		return nil, spec, in, rep
	}
	res, rep := finish(file, doc, cfg, why, opts, rep)
	return res, spec, in, rep
}

// assemble builds the Butane document of a checked spec, merges its includes and translates it, translating each
// include alone where a problem stops it first, so that an include's own problems are reported all the same.
func assemble(r *reporter, spec *Spec, in *assets) (doc *yaml.Node, cfg any, why string) {
	if r.report.HasErrors() {
		r.report = append(r.report, translateAlone(in.includes)...)
		return nil, nil, ""
	}
	doc = build(spec, in)
	m := merge(r, doc, in.includes)
	if r.report.HasErrors() {
		r.report = append(r.report, translateAlone(in.includes)...)
		return doc, nil, ""
	}
	// cfg is nil when the report says why, or why does for a failure that is sysext-ign's own.
	cfg, why = transpile(r, doc, m, in.includes)
	return doc, cfg, why
}

// decodeAndCheck decodes src and runs every check on it; nil means the YAML was unusable, or asks for more images than a node can merge.
func decodeAndCheck(r *reporter, src []byte) *Spec {
	spec := decodeSpec(r, src)
	if spec == nil || tooMany(r, spec) {
		return nil
	}
	checkSpec(r, spec)
	return spec
}

// finish encodes the built document and the translated config, and validates the config; why is a translation's
// failure that is sysext-ign's own.
func finish(file string, doc *yaml.Node, cfg any, why string, opts Options, rep Report) (*Result, Report) {
	version := yamltree.ValueOf(doc.Content[0], "version").Value
	res := &Result{}
	if opts.Butane {
		res.Butane = encodeYAML(doc)
	}
	if opts.Debug {
		res.Debug = encodeYAML(masked(doc))
	}
	var ign []byte
	stage := "Butane"
	if why == "" {
		stage = "Ignition"
		ign, why = encodeIgnition(cfg, version, opts.Pretty)
	}
	if why != "" {
		return res, append(rep, msgInternal(stage, why).at(file, Pos{}))
	}
	res.Ignition = ign
	return res, rep
}

// promote turns warnings into errors for --strict.
func promote(r Report) Report {
	out := make(Report, len(r))
	for i, d := range r {
		d.Severity = Error
		out[i] = d
	}
	return out
}
