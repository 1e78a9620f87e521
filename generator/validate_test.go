package generator

import (
	"bytes"
	"encoding"
	"encoding/json"
	"github.com/sysext-ign/sysext-ign/internal/yamltree"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	v3_3 "github.com/coreos/ignition/v2/config/v3_3"
	types3_3 "github.com/coreos/ignition/v2/config/v3_3/types"
	v3_4 "github.com/coreos/ignition/v2/config/v3_4"
	types3_4 "github.com/coreos/ignition/v2/config/v3_4/types"
	"gopkg.in/yaml.v3"

	"github.com/sysext-ign/sysext-ign/internal/scale"
)

// TestGateShortcut shows, on every fixture and a large spec, that the final gate's shortcut is taken
// and that the full versioned parser, run anyway, agrees that the printed JSON is clean.
func TestGateShortcut(t *testing.T) {
	results := map[string]*Result{}
	for _, dir := range fixtureDirs(t) {
		res, rep := genFixture(t, dir, Options{Pretty: true})
		if rep.HasErrors() {
			t.Fatalf("%s: %v", dir, rep)
		}
		results[filepath.Base(dir)] = res
	}
	res, rep := Generate("scale.yaml", scale.Spec(1, 300), Options{Butane: true})
	if len(rep) > 0 {
		t.Fatal(rep)
	}
	results["scale"] = res
	for name, res := range results {
		t.Run(name, func(t *testing.T) {
			var doc yaml.Node
			if err := yaml.Unmarshal(res.Butane, &doc); err != nil {
				t.Fatal(err)
			}
			version := yamltree.ValueOf(doc.Content[0], "version").Value
			cfg, tr, err := translateTree(&doc)
			if err != nil || len(tr.Entries) > 0 {
				t.Fatal(tr, err)
			}
			shortcut := decodesTo[types3_3.Config](res.Ignition, cfg)
			_, r, err := v3_3.Parse(res.Ignition)
			if version == "1.1.0" {
				shortcut = decodesTo[types3_4.Config](res.Ignition, cfg)
				_, r, err = v3_4.Parse(res.Ignition)
			}
			if !shortcut {
				t.Error("the JSON does not decode back into the translated config, so every run validates twice")
			}
			if back := reflect.New(reflect.TypeOf(cfg)); json.Unmarshal(res.Ignition, back.Interface()) != nil ||
				!reflect.DeepEqual(back.Elem().Interface(), cfg) {
				t.Error("encoding/json, which the versioned parser uses, decodes the JSON differently")
			}
			if err != nil || len(r.Entries) > 0 {
				t.Errorf("the versioned parser disagrees with the gate: %v %v", err, r)
			}
		})
	}
}

// TestGateFallsBack shows that a config whose JSON does not decode back into it gets the full parser.
func TestGateFallsBack(t *testing.T) {
	file := func(path string) types3_3.File { return types3_3.File{Node: types3_3.Node{Path: path}} }
	// An empty, non-nil list is dropped from the JSON, so the JSON decodes to a different value.
	cfg := func(path string) types3_3.Config {
		return types3_3.Config{
			Ignition: types3_3.Ignition{Version: "3.3.0"},
			Storage:  types3_3.Storage{Files: []types3_3.File{file(path)}, Links: []types3_3.Link{}},
		}
	}
	if _, why := encodeIgnition(cfg("relative"), "1.0.0", false); !strings.Contains(why, "absolute") {
		t.Errorf("an invalid config passed the gate (%q)", why)
	}
	if ign, why := encodeIgnition(cfg("/etc/a"), "1.0.0", false); why != "" || !bytes.Contains(ign, []byte(`"/etc/a"`)) {
		t.Errorf("a valid config failed the gate: %s", why)
	}
}

// TestGateKeys backs the gate's shortcut: every key the JSON encoder writes for Ignition's types is a field name
// the parser's unused-key check knows, because every field is tagged and no type is a map; and any copy of
// encoding/json decodes the types alike, because none has a decoding method of its own.
func TestGateKeys(t *testing.T) {
	for _, typ := range []reflect.Type{reflect.TypeFor[types3_3.Config](), reflect.TypeFor[types3_4.Config]()} {
		checkKeys(t, typ, typ.String(), map[reflect.Type]bool{})
	}
}

func checkKeys(t *testing.T, typ reflect.Type, at string, seen map[reflect.Type]bool) {
	for _, custom := range []reflect.Type{reflect.TypeFor[json.Unmarshaler](), reflect.TypeFor[encoding.TextUnmarshaler]()} {
		if reflect.PointerTo(typ).Implements(custom) {
			t.Errorf("%s (%s) decodes itself as %s", at, typ, custom)
		}
	}
	switch typ.Kind() {
	case reflect.Map, reflect.Interface:
		t.Errorf("%s is a %s, whose keys the parser cannot know", at, typ.Kind())
	case reflect.Pointer, reflect.Slice:
		checkKeys(t, typ.Elem(), at, seen)
	case reflect.Struct:
		if seen[typ] {
			return
		}
		seen[typ] = true
		for i := 0; i < typ.NumField(); i++ {
			f := typ.Field(i)
			name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
			if f.IsExported() && !f.Anonymous && (name == "" || name == "-") {
				t.Errorf("%s.%s has no JSON name", at, f.Name)
			}
			checkKeys(t, f.Type, at+"."+f.Name, seen)
		}
	}
}
