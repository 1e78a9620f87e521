package generator

import (
	"errors"
	"reflect"
	"slices"
	"strconv"

	"github.com/coreos/ignition/v2/butane/config/common"
	ignvalidate "github.com/coreos/ignition/v2/config/validate"
	"github.com/coreos/vcontext/path"
	"github.com/coreos/vcontext/report"
	"github.com/coreos/vcontext/tree"
	"github.com/coreos/vcontext/validate"
	"github.com/sysext-ign/sysext-ign/internal/lazy"
	"gopkg.in/yaml.v3"
)

// yaml.v3 reports a wrong type only as "line N: cannot unmarshal !!tag ..."; these find the line and the tag.
var (
	typeErrLine = lazy.Regexp{Pattern: `^line (\d+): (.*)$`}
	typeErrTag  = lazy.Regexp{Pattern: `cannot unmarshal (!!\w+)`}
	typeErrInto = lazy.Regexp{Pattern: ` into (\S+)$`}
	quotedValue = lazy.Regexp{Pattern: "`[^`]*`"} // how yaml.v3 quotes a value, which may be a secret
)

// CheckButane translates a plain Butane file of the flatcar variant as the butane CLI would,
// and reports every problem at its line and column in file; the file is valid when the report has no errors.
func CheckButane(file string, src []byte, opts Options) Report {
	d := decoder{&reporter{file: file}}
	if root := d.butaneRoot(src); root != nil {
		if entries(root) > MaxIncludeEntries {
			d.add(Pos{}, msgButaneEntries())
		} else if release := d.flatcarRelease(root); release != nil && d.pathsFit(root) {
			d.translateButane(root, src, release.bytes)
		}
	}
	rep := d.report.sorted()
	if opts.Strict {
		rep = promote(rep)
	}
	return rep
}

// butaneRoot returns the file's top-level mapping, or nil after reporting why there is none.
func (d decoder) butaneRoot(src []byte) *yaml.Node {
	root := d.parse(src, butaneFile)
	if root == nil || d.badNodes(root) {
		return nil
	}
	return root
}

// flatcarRelease picks the Butane release of the file's variant and version, reporting any other choice where it is written.
func (d decoder) flatcarRelease(root *yaml.Node) *butaneRelease {
	variant := d.topStr(root, "variant", "flatcar")
	version := d.topStr(root, "version", orList(butaneVersions()))
	if variant.usable() && variant.Value != "flatcar" {
		// Versions are numbered per variant, so the version says nothing more.
		d.add(variant.Pos, msgButaneVariant(variant.Value))
		return nil
	}
	release := releaseOf(version.Value)
	if version.usable() && release == nil {
		d.add(version.Pos, msgButaneVersion("Butane version", version.Value))
	}
	if d.report.HasErrors() {
		return nil
	}
	return release
}

// topStr reads a required scalar of the top-level mapping as written, reporting it as missing with an example value.
func (d decoder) topStr(root *yaml.Node, key, example string) Str {
	for i := 0; i+1 < len(root.Content); i += 2 {
		if root.Content[i].Value == key {
			return d.text(root.Content[i+1], key)
		}
	}
	d.add(posOf(root), msgButaneMissing(key, example))
	return Str{}
}

// translateButane keeps butane's own findings, which already carry the file's lines and columns and Ignition's validation.
func (d decoder) translateButane(root *yaml.Node, src []byte, translate butaneTranslator) {
	_, r, err := translate(src, common.TranslateBytesOptions{})
	d.butaneReport(r)
	if err != nil && !r.IsFatal() {
		d.butaneDecodeError(root, err)
	}
}

// decodeButane takes the steps of Butane's translation that come before the translation itself, so that a file's
// unused keys are reported as the butane CLI reports them, at the same places.
func (d decoder) decodeButane(root *yaml.Node, release *butaneRelease) (any, tree.Node) {
	cfg, err := release.decode(root)
	if err != nil {
		d.butaneDecodeError(root, err)
		return nil, nil
	}
	t := contextTree(root) // the positions the translation's findings are placed by
	r := validate.ValidateCustom(cfg, "yaml", func(v reflect.Value, c path.ContextPath) report.Report {
		return ignvalidate.ValidateUnusedKeys(v, c, t)
	})
	r.Correlate(t)
	d.butaneReport(r)
	return cfg, t
}

// butaneReport adds each finding of a report Butane has placed, at its line and column.
func (d decoder) butaneReport(r report.Report) {
	for _, e := range r.Entries {
		line, col := e.Marker.Start()
		d.add(Pos{Line: int(line), Col: int(col)}, msgButaneReport(e.Kind.IsFatal(), butaneAdvice(e)))
	}
}

// butaneAdvice is Butane's message, except where it is about the butane CLI's own flags, which sysext-ign does not have.
func butaneAdvice(e report.Entry) string {
	if e.Message != common.ErrNoFilesDir.Error() {
		return e.Message
	}
	if slices.Contains(e.Context.Path, any("trees")) {
		return butaneNoTreesDir
	}
	return butaneNoFilesDir
}

// badNodes reports what the YAML library would report with no position or by quoting a value, which may be
// a password hash: a tagged scalar whose text is not a value of its tag, and a key that is not a scalar.
func (d decoder) badNodes(n *yaml.Node) (found bool) {
	if n.Kind == yaml.ScalarNode && n.Style&yaml.TaggedStyle != 0 {
		var v any
		if err := n.Decode(&v); err != nil {
			d.errorAt(n, msgButaneBadTag(n.Tag))
			return true
		}
	}
	for i, c := range n.Content {
		if n.Kind == yaml.MappingNode && i%2 == 0 && c.Kind != yaml.ScalarNode {
			d.errorAt(c, msgComplexKey)
			found = true
			continue
		}
		found = d.badNodes(c) || found
	}
	return found
}

// butaneDecodeError places yaml.v3's line-only errors (a value of the wrong type) at the value on that line.
func (d decoder) butaneDecodeError(root *yaml.Node, err error) {
	details := []string{err.Error()}
	var te *yaml.TypeError
	if errors.As(err, &te) {
		details = te.Errors
	}
	for _, detail := range details {
		line, tag := 0, ""
		if m := typeErrLine.FindStringSubmatch(detail); m != nil {
			line, _ = strconv.Atoi(m[1])
			detail = m[2]
		}
		if m := typeErrTag.FindStringSubmatch(detail); m != nil {
			tag = m[1]
			// The library quotes the value, which may be a secret such as a header; name only the types.
			detail = msgButaneWrongType(tag, typeErrInto.FindStringSubmatch(detail))
		}
		detail = quotedValue.ReplaceAllString(detail, "(value not shown)")
		// yaml.v3 gives only the line; the column is the value's when the tree shows it, and none otherwise.
		d.add(Pos{Line: line, Col: valueCol(root, line, tag)}, msgButaneValue(detail))
	}
}

// valueCol finds the last value on line with the tag a type error names, the innermost node the error can be about.
func valueCol(n *yaml.Node, line int, tag string) (col int) {
	for i, c := range n.Content {
		isKey := n.Kind == yaml.MappingNode && i%2 == 0
		if !isKey && c.Line == line && (tag == "" || c.Tag == tag) {
			col = c.Column
		}
		if inner := valueCol(c, line, tag); inner > 0 {
			col = inner
		}
	}
	return col
}
