package generator

import (
	"regexp"
	"strconv"

	"github.com/coreos/ignition/v2/butane/config/common"
	flatcar1_0 "github.com/coreos/ignition/v2/butane/config/flatcar/v1_0"
	flatcar1_1 "github.com/coreos/ignition/v2/butane/config/flatcar/v1_1"
	"github.com/coreos/vcontext/report"
	"gopkg.in/yaml.v3"
)

// included is a user's Butane file, checked on its own so its problems point into it.
type included struct {
	file string
	root *yaml.Node
}

func (d *decoder) readInclude(p Str, version string, opts Options) (included, bool) {
	src, name, ok := d.read(p, "included Butane", opts)
	if !ok {
		return included{}, false
	}
	sub := &decoder{file: name}
	root := sub.parse(src)
	if root != nil {
		if alias := findAlias(root); alias != nil {
			sub.errorAt(alias, msgAlias)
		} else if sub.header(root, version) {
			sub.butane(src, version)
		}
	}
	d.report = append(d.report, sub.report...)
	return included{file: name, root: root}, root != nil && !sub.report.HasErrors()
}

// header checks variant and version first, since Butane's own message for them has no position.
func (d *decoder) header(root *yaml.Node, version string) bool {
	variant, ver := valueOf(root, "variant"), valueOf(root, "version")
	switch {
	case variant == nil || variant.Value != "flatcar":
		at, got := root, ""
		if variant != nil {
			at, got = variant, variant.Value
		}
		d.errorAt(at, msgIncludeVariant(got))
	case ver == nil || ver.Value != version:
		at, got := root, ""
		if ver != nil {
			at, got = ver, ver.Value
		}
		d.errorAt(at, msgIncludeVersion(got, version))
	default:
		return true
	}
	return false
}

// butane validates an included file with the real Butane translator and keeps its positions.
func (d *decoder) butane(src []byte, version string) {
	var (
		r   report.Report
		err error
	)
	opts := common.TranslateBytesOptions{}
	if version == "1.1.0" {
		_, r, err = flatcar1_1.ToIgn3_4Bytes(src, opts)
	} else {
		_, r, err = flatcar1_0.ToIgn3_3Bytes(src, opts)
	}
	for _, e := range r.Entries {
		sev, p := Warning, Pos{Line: 1, Col: 1}
		if e.Kind.IsFatal() {
			sev = Error
		}
		if e.Marker.StartP != nil {
			p = Pos{Line: int(e.Marker.StartP.Line), Col: int(e.Marker.StartP.Column)}
		}
		d.add(sev, p, e.Message)
	}
	if err != nil && len(r.Entries) == 0 {
		d.untyped(err)
	}
}

var errLine = regexp.MustCompile(`line (\d+): (.*)`)

// untyped positions an error Butane returned without report entries, such as a YAML type mismatch.
func (d *decoder) untyped(err error) {
	ms := errLine.FindAllStringSubmatch(err.Error(), -1)
	if len(ms) == 0 {
		d.add(Error, Pos{Line: 1, Col: 1}, err.Error())
	}
	for _, m := range ms {
		line, _ := strconv.Atoi(m[1])
		d.add(Error, Pos{Line: line, Col: 1}, m[2])
	}
}

func valueOf(m *yaml.Node, key string) *yaml.Node {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i+1]
		}
	}
	return nil
}
