package generator

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/url"
	"reflect"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// secretMark starts every fuzzed header value, so a leak is recognisable whatever else the value holds.
const secretMark = "Sekr1t"

// Bits of FuzzSpecFields' selector: which fuzzed fields the spec carries.
const (
	selVersion = 1 << iota
	selSource
	selExtArch
	selTopArch
	selBakery
	selHash
	selHeaders
	selDisableItem
	selDisableAll
	selDirectory
	selButane11
	selSecond
)

// fieldArgs are the fuzzed values a spec is built from.
type fieldArgs struct {
	name, version, source, arch, bakery, hash, hname, hvalue, disable string
	sel                                                               uint16
}

func (a fieldArgs) has(bit uint16) bool { return a.sel&bit != 0 }

// fieldSpec and fieldExt are a spec as typed values, so yaml.Marshal quotes whatever the fuzzer puts in a field.
type fieldSpec struct {
	ButaneVersion *string    `yaml:"butane_version,omitempty"`
	Arch          *string    `yaml:"arch,omitempty"`
	BakeryURL     *string    `yaml:"bakery_url,omitempty"`
	DisableMethod *string    `yaml:"disable_method,omitempty"`
	Disable       []string   `yaml:"disable,omitempty"`
	Extensions    []fieldExt `yaml:"extensions,omitempty"`
}

type fieldExt struct {
	Name    string            `yaml:"name"`
	Source  *string           `yaml:"source,omitempty"`
	Version *string           `yaml:"version,omitempty"`
	Arch    *string           `yaml:"arch,omitempty"`
	Hash    *string           `yaml:"hash,omitempty"`
	Headers map[string]string `yaml:"headers,omitempty"`
}

// storageOut is the part of Butane and Ignition that sysext-ign writes; decoding rejects any other key.
type storageOut struct {
	Files       []fileOut `json:"files" yaml:"files"`
	Links       []linkOut `json:"links" yaml:"links"`
	Directories []dirOut  `json:"directories" yaml:"directories"`
}

type fileOut struct {
	Path     string       `json:"path" yaml:"path"`
	Mode     *int         `json:"mode" yaml:"mode"`
	Contents *contentsOut `json:"contents" yaml:"contents"`
}

type contentsOut struct {
	Source       string      `json:"source" yaml:"source"`
	HTTPHeaders  []headerOut `json:"httpHeaders" yaml:"http_headers"`
	Verification *verifyOut  `json:"verification" yaml:"verification"`
}

type headerOut struct {
	Name  string `json:"name" yaml:"name"`
	Value string `json:"value" yaml:"value"`
}

type verifyOut struct {
	Hash string `json:"hash" yaml:"hash"`
}

type linkOut struct {
	Path      string `json:"path" yaml:"path"`
	Target    string `json:"target" yaml:"target"`
	Overwrite bool   `json:"overwrite" yaml:"overwrite"`
}

type dirOut struct {
	Path string `json:"path" yaml:"path"`
}

// FuzzSpecFields builds specs from fuzzed field values and checks that no value adds keys or entries to the output,
// leaks a header value, or breaks the diagnostics' contract.
func FuzzSpecFields(f *testing.F) {
	all := uint16(1<<12 - 1)
	hex64 := strings.Repeat("ab", 32)
	for _, a := range []fieldArgs{
		{"mydocker", "28.0.4", "https://myserver.net/mydocker.raw", "arm64", "https://mirror.example.com/extensions/", "sha256-" + hex64, "Authorization", "Bearer abc", "torcx-generator", selSource | selHash | selHeaders | selDisableAll},
		{"docker", "28.0.4", "", "aarch64", "https://mirror.example.com/ext//", "", "X-A", "b", "docker-flatcar", selVersion | selTopArch | selBakery | selDisableItem | selButane11 | selSecond},
		{"a\npath: /etc/shadow", "1", "", "", "", "", "", "", "", selVersion},
		{"a\n  - path: /etc/shadow\n    mode: 0777", "1", "", "", "", "", "", "", "", selVersion},
		{"a", "1\n    path: /etc/shadow", "", "", "", "", "", "", "", selVersion},
		{"a", "1", "https://h/a.raw\n  - path: /etc/shadow", "", "", "", "", "", "", selSource},
		{"a", "1", "", "", "", "", "X-A", "x\r\nX-Injected: y", "", selVersion | selHeaders},
		{"a", "1", "", "", "", "", "X-A: b\n      X-B", "v", "", selVersion | selHeaders},
		{"a", "1", "", "", "", "sha256-" + hex64 + "\n  mode: 0777", "", "", "", selVersion | selHash},
		{"a", "1", "", "", "", "", "", "", "docker-flatcar\n  - path: /etc/shadow", selDisableItem},
		{"&a", "*a", "", "!!binary", "", "", "", "", "", selVersion | selExtArch},
		{"a", "1%zz", "", "", "", "", "", "", "", selVersion},
		{"a", "1#x", "", "", "", "", "", "", "", selVersion},
		{"a", "1?x", "", "", "https://h/x?t=1", "", "", "", "", selVersion | selBakery},
		{"a", "1", "data:,x", "", "https://h/x#f", "", "", "", "", selSource | selBakery},
		{"a", "", "", "", "", "", "x", "", "", all},
	} {
		f.Add(a.name, a.version, a.source, a.arch, a.bakery, a.hash, a.hname, a.hvalue, a.disable, a.sel)
	}
	f.Fuzz(func(t *testing.T, name, version, source, arch, bakery, hash, hname, hvalue, disable string, sel uint16) {
		a := fieldArgs{name, version, source, arch, bakery, hash, hname, secretMark + hvalue, disable, sel}
		src, err := yaml.Marshal(a.spec())
		if err != nil {
			t.Fatalf("marshal: %v", err)
		}
		res, rep := generateWatched(t, src)
		checkDiagnostics(t, src, rep)
		a.checkNoLeak(t, rep, res)
		if rep.HasErrors() {
			return
		}
		want := a.expected()
		checkIgnitionStorage(t, res.Ignition, want)
		checkButaneStorage(t, res.Butane, want)
		if !a.has(selSource) && len(want.Files) > 0 {
			a.checkBakeryURL(t, want.Files[0].Contents.Source)
		}
	})
}

func (a fieldArgs) spec() fieldSpec {
	s := fieldSpec{Extensions: []fieldExt{a.extension()}}
	if a.has(selTopArch) {
		s.Arch = &a.arch
	}
	if a.has(selBakery) {
		s.BakeryURL = &a.bakery
	}
	if a.has(selDisableItem) {
		s.Disable = append(s.Disable, a.disable)
	}
	if a.has(selDisableAll) {
		s.Disable = append(s.Disable, builtinNames()...)
	}
	if a.has(selDirectory) {
		s.DisableMethod = ptr("directory")
	}
	if a.has(selButane11) {
		s.ButaneVersion = ptr("1.1.0")
	}
	if a.has(selSecond) {
		s.Extensions = append(s.Extensions, fieldExt{Name: "second", Version: ptr("1")})
	}
	return s
}

func (a fieldArgs) extension() fieldExt {
	e := fieldExt{Name: a.name}
	for _, opt := range []struct {
		bit   uint16
		field **string
		value string
	}{{selVersion, &e.Version, a.version}, {selSource, &e.Source, a.source}, {selExtArch, &e.Arch, a.arch}, {selHash, &e.Hash, a.hash}} {
		if a.has(opt.bit) {
			*opt.field = ptr(opt.value)
		}
	}
	if a.has(selHeaders) {
		e.Headers = map[string]string{a.hname: a.hvalue}
	}
	return e
}

// expected is what a successful run must write, worked out from the fields alone.
func (a fieldArgs) expected() storageOut {
	var s storageOut
	s.Files = append(s.Files, a.imageFile())
	if a.has(selSecond) {
		s.Files = append(s.Files, fileOut{Path: "/etc/extensions/second.raw", Mode: ptr(0o644),
			Contents: &contentsOut{Source: a.bakeryBase() + "/second-1-" + a.archFor(false) + ".raw"}})
	}
	disabled := map[string]bool{}
	for _, d := range a.spec().Disable {
		disabled[d] = true
	}
	method := "link"
	if a.has(selDirectory) {
		method = "directory"
	}
	for _, b := range builtins {
		switch m := b.mask(method); {
		case !disabled[b.name]:
		case m.kind == maskDir:
			s.Directories = append(s.Directories, dirOut{Path: m.path})
		case m.kind == maskLink:
			s.Links = append(s.Links, linkOut{Path: m.path, Target: "/dev/null", Overwrite: true})
		default:
			s.Files = append(s.Files, fileOut{Path: m.path})
		}
	}
	return s
}

func (a fieldArgs) imageFile() fileOut {
	c := &contentsOut{Source: a.source}
	if !a.has(selSource) {
		c.Source = a.bakeryBase() + "/" + a.imageName()
	}
	if a.has(selHeaders) {
		c.HTTPHeaders = []headerOut{{Name: a.hname, Value: a.hvalue}}
	}
	if a.has(selHash) {
		c.Verification = &verifyOut{Hash: a.hash}
	}
	return fileOut{Path: "/etc/extensions/" + a.name + ".raw", Mode: ptr(0o644), Contents: c}
}

func (a fieldArgs) imageName() string {
	return a.name + "-" + a.version + "-" + a.archFor(true) + ".raw"
}

func (a fieldArgs) bakeryBase() string {
	if a.has(selBakery) {
		return strings.TrimRight(a.bakery, "/")
	}
	return defaultBakeryURL
}

// archFor resolves an image's architecture: its own, else the spec's, else x86-64, with aliases normalised.
func (a fieldArgs) archFor(ownArch bool) string {
	v := "x86-64"
	if (ownArch && a.has(selExtArch)) || a.has(selTopArch) {
		v = a.arch
	}
	switch v {
	case "amd64":
		return "x86-64"
	case "aarch64":
		return "arm64"
	}
	return v
}

// checkBakeryURL requires a bakery download to fetch exactly NAME-VERSION-ARCH.raw, with no query or fragment added.
func (a fieldArgs) checkBakeryURL(t *testing.T, source string) {
	t.Helper()
	u, err := url.Parse(source)
	if err != nil || u.RawQuery != "" || u.Fragment != "" || !strings.HasSuffix(u.Path, "/"+a.imageName()) {
		t.Errorf("bakery URL %q does not fetch %q", source, a.imageName())
	}
}

// checkNoLeak fails when the header value shows in a diagnostic or in the debug output.
func (a fieldArgs) checkNoLeak(t *testing.T, rep Report, res *Result) {
	t.Helper()
	for _, other := range []string{a.name, a.version, a.source, a.arch, a.bakery, a.hash, a.hname, a.disable} {
		if strings.Contains(other, secretMark) {
			return
		}
	}
	if text := fmt.Sprint(rep); strings.Contains(text, secretMark) {
		t.Errorf("a diagnostic shows the header value: %s", text)
	}
	if res != nil && bytes.Contains(res.Debug, []byte(secretMark)) {
		t.Errorf("--debug shows the header value:\n%s", res.Debug)
	}
}

func checkIgnitionStorage(t *testing.T, ign []byte, want storageOut) {
	t.Helper()
	var got struct {
		Ignition struct {
			Version string `json:"version"`
		} `json:"ignition"`
		Storage storageOut `json:"storage"`
	}
	dec := json.NewDecoder(bytes.NewReader(ign))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&got); err != nil {
		t.Fatalf("Ignition has more than sysext-ign writes: %v\n%s", err, ign)
	}
	if !reflect.DeepEqual(got.Storage, want) {
		t.Fatalf("Ignition storage differs from the spec's fields:\ngot  %+v\nwant %+v\n%s", got.Storage, want, ign)
	}
}

func checkButaneStorage(t *testing.T, bu []byte, want storageOut) {
	t.Helper()
	var got struct {
		Variant string     `yaml:"variant"`
		Version string     `yaml:"version"`
		Storage storageOut `yaml:"storage"`
	}
	dec := yaml.NewDecoder(bytes.NewReader(bu))
	dec.KnownFields(true)
	if err := dec.Decode(&got); err != nil {
		t.Fatalf("Butane has more than sysext-ign writes: %v\n%s", err, bu)
	}
	if !reflect.DeepEqual(got.Storage, want) {
		t.Fatalf("Butane storage differs from the spec's fields:\ngot  %+v\nwant %+v\n%s", got.Storage, want, bu)
	}
}

func ptr[T any](v T) *T { return &v }
