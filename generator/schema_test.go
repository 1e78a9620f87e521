package generator

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"gopkg.in/yaml.v3"
)

// compiledSchema compiles the schema with a real JSON Schema library, which also checks it against the 2020-12 meta-schema.
func compiledSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(Schema()))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource("sysext-ign.schema.json", doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile("sysext-ign.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	return sch
}

// schemaErr validates a YAML spec the way an editor's language server does: as the JSON it decodes to.
func schemaErr(t *testing.T, sch *jsonschema.Schema, spec string) error {
	t.Helper()
	var v any
	if err := yaml.Unmarshal([]byte(spec), &v); err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	inst, err := jsonschema.UnmarshalJSON(strings.NewReader(string(b)))
	if err != nil {
		t.Fatal(err)
	}
	return sch.Validate(inst)
}

func TestSchemaAcceptsFixtures(t *testing.T) {
	sch := compiledSchema(t)
	for _, dir := range fixtureDirs(t) {
		if err := schemaErr(t, sch, string(readFile(t, filepath.Join(dir, "spec.yaml")))); err != nil {
			t.Errorf("%s: %v", dir, err)
		}
	}
}

// TestSchemaAgreesWithChecks runs specs through both the schema and Generate, which must agree on each.
func TestSchemaAgreesWithChecks(t *testing.T) {
	sch := compiledSchema(t)
	_, keys, _ := testKeys(t)
	hex64 := strings.Repeat("a", 64)
	tests := []struct {
		name, spec string
		valid      bool
	}{
		{"minimal", ok, true},
		{"disable only", "disable: [torcx-generator]\n", true},
		{"everything", "butane_version: 1.1.0\narch: aarch64\nbakery_url: http://mirror.local/ext/\ndisable_method: directory\n" +
			"disable: [docker-flatcar, containerd-flatcar]\nextensions:\n  - name: my_docker+1.x\n    version: 1.10\n    arch: amd64\n" +
			"    hash: sha256-" + hex64 + "\n    headers: {Authorization: Bearer x, X-N: 7}\n  - {name: b, source: 'data:,x'}\n", true},
		{"unknown top key", "colour: red\n" + ok, false},
		{"unknown extension key", ok + "    sauce: x\n", false},
		{"bad arch", "arch: i386\n" + ok, false},
		{"bad extension arch", ok + "    arch: riscv64\n", false},
		{"bad butane_version", "butane_version: 1.2.0\n" + ok, false},
		{"bad disable_method", "disable_method: mask\n" + ok, false},
		{"bad disable item", "disable: [docker]\n", false},
		{"bakery_url not http", "bakery_url: s3://b/ext\n" + ok, false},
		{"nothing asked", "arch: arm64\n", false},
		{"empty lists", "extensions: []\ndisable: []\n", false},
		{"no name", "extensions:\n  - version: '1'\n", false},
		{"no source or version", "extensions:\n  - name: a\n", false},
		{"name charset", "extensions:\n  - name: a/b\n    version: '1'\n", false},
		{"name too long", "extensions:\n  - name: " + strings.Repeat("a", 65) + "\n    version: '1'\n", false},
		{"name .raw", "extensions:\n  - name: a.raw\n    version: '1'\n", false},
		{"name reserved", "extensions:\n  - name: docker-flatcar\n    version: '1'\n", false},
		{"name flatcar-", "extensions:\n  - name: flatcar-x\n    version: '1'\n", false},
		{"name oem-", "extensions:\n  - name: oem-x\n    version: '1'\n", false},
		{"name a number", "extensions:\n  - name: 12\n    version: '1'\n", false},
		{"version slash", "extensions:\n  - name: a\n    version: 1/2\n", false},
		{"version dotdot", "extensions:\n  - name: a\n    version: 1..2\n", false},
		{"version empty", "extensions:\n  - name: a\n    version: ''\n", false},
		{"version boolean", "extensions:\n  - name: a\n    version: true\n", false},
		{"source ftp", "extensions:\n  - name: a\n    source: ftp://h/a.raw\n", false},
		{"source no host", "extensions:\n  - name: a\n    source: https:///a.raw\n", false},
		{"source space", "extensions:\n  - name: a\n    source: http://h/a b.raw\n", false},
		{"hash short", ok + "    hash: sha256-abc\n", false},
		{"hash algo", ok + "    hash: md5-" + hex64 + "\n", false},
		{"header name", ok + "    headers:\n      Bad Name: x\n", false},
		{"header empty", ok + "    headers:\n      X-A: ''\n", false},
		{"header newline", ok + "    headers:\n      X-A: \"a\\nb\"\n", false},
		{"updates and mirrors", "ca: [a.pem]\ninclude: [b.bu]\nheaders: {X-A: b}\nflatcar_extensions: [podman]\nextensions:\n" +
			"  - {name: a, version: '1', update: true}\n  - {name: b, version: v1.2.3, update: {series: v1.2, source: 'https://m/b/'}}\n", true},
		{"official only", "flatcar_extensions: [zfs]\n", true},
		{"update string", ok + "    update: 'yes'\n", false},
		{"update unknown key", ok + "    update: {serie: x}\n", false},
		{"update source scheme", ok + "    update: {source: 'tftp://h/a/'}\n", false},
		{"official docker", "flatcar_extensions: [docker]\n", false},
		{"official unknown", "flatcar_extensions: [podmann]\n", false},
		{"official bakery image", "flatcar_extensions: [kubernetes]\n", false},
		{"official NVIDIA outside the six", "flatcar_extensions: [nvidia-drivers-580]\n", false},
		{"official NVIDIA on x86-64", "arch: amd64\nflatcar_extensions: [nvidia-drivers-570-open]\n", true},
		{"official NVIDIA on arm64", "arch: aarch64\nflatcar_extensions: [nvidia-drivers-570-open]\n", false},
		{"official newer with since", "flatcar_extensions: [{name: newthing, since: 4600.0.0}]\n", true},
		{"official NVIDIA with since on x86-64", "flatcar_extensions: [{name: nvidia-drivers-580, since: 4600.0.0}]\n", true},
		{"official NVIDIA with since on arm64", "arch: arm64\nflatcar_extensions: [{name: nvidia-drivers-580, since: 4600.0.0}]\n", false},
		{"official known without since", "flatcar_extensions: [{name: zfs}]\n", true},
		{"official unknown without since", "flatcar_extensions: [{name: newthing}]\n", false},
		{"official since not a release", "flatcar_extensions: [{name: newthing, since: '4600'}]\n", false},
		{"official since docker", "flatcar_extensions: [{name: docker, since: 4600.0.0}]\n", false},
		{"official unknown key", "flatcar_extensions: [{name: zfs, sincee: 4600.0.0}]\n", false},
		{"version latest", "extensions:\n  - name: a\n    version: latest\n", false},
		{"update source with a query", ok + "    update: {source: 'https://h/a/?x=1'}\n", false},
		{"series with dotdot", "extensions:\n  - name: a\n    version: v1\n    update: {series: v1..2}\n", false},
		{"signed mirror", "update_keyring: k.asc\nextensions:\n  - name: a\n    version: '1'\n    source: https://m/a.raw\n" +
			"    update: {source: 'https://m/a/', verify: true}\n", true},
		{"verify a string", ok + "    update: {verify: 'yes'}\n", false},
		{"update_keyring a list", "update_keyring: [k.asc]\n" + ok, false},
		{"update actions and a local source", "update_timer: false\nextensions:\n  - {name: a, version: '1', update: {action: refresh, restart: [a.service, 'b@1.socket']}}\n" +
			"  - {name: b, version: '1', update: {action: none, source: /var/lib/sysext-updates/b}}\n", true},
		{"unknown action", ok + "    update: {action: restart}\n", false},
		{"restart without a unit type", ok + "    update: {restart: [consul]}\n", false},
		{"update_timer a string", "update_timer: 'no'\n" + ok + "    update: true\n", false},
		{"update source relative", ok + "    update: {source: var/lib/a}\n", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, rep := Generate("s.yaml", []byte(tt.spec), Options{ReadFile: memFiles(map[string]string{"a.pem": testCA, "b.bu": "variant: flatcar\nversion: 1.0.0\n", "k.asc": string(keys)})})
			if rep.HasErrors() == tt.valid {
				t.Fatalf("test case is wrong: Generate says %v", rep)
			}
			if err := schemaErr(t, sch, tt.spec); (err == nil) != tt.valid {
				t.Errorf("schema disagrees with the checks (valid=%v): %v", tt.valid, err)
			}
		})
	}
}
