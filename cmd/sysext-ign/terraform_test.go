package main

import (
	"bytes"
	"encoding/json"
	"io"
	"os"
	"strings"
	"testing"

	"github.com/sysext-ign/sysext-ign/generator"
)

// The spec has <, > and &, which the provider's encoder escapes as \u003c, \u003e and \u0026.
const providerSpec = `extensions:
  - name: app
    source: https://mirror.example/app.raw?a=1&b=2
    headers:
      Authorization: Bearer <token>
`

// provider runs sysext-ign terraform as Terraform's external data source does: it marshals the query
// as a map[string]string (compact, sorted keys, <>& escaped) and unmarshals stdout into a map[string]string,
// which fails on anything but one object of strings.
func provider(t *testing.T, query map[string]string) (map[string]string, string, int) {
	t.Helper()
	in, err := json.Marshal(query)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(in, []byte(`\u003c`)) && strings.Contains(query["spec"], "<") {
		t.Fatal("the query is not escaped as the provider escapes it")
	}
	var stdout, stderr bytes.Buffer
	code := run([]string{"terraform"}, bytes.NewReader(in), &stdout, &stderr)
	if code != 0 {
		if stdout.Len() > 0 {
			t.Errorf("stdout is not empty on failure: %q", stdout.String())
		}
		return nil, stderr.String(), code
	}
	result := map[string]string{}
	if err := json.Unmarshal(stdout.Bytes(), &result); err != nil {
		t.Fatalf("the provider cannot decode our stdout: %v\n%s", err, stdout.String())
	}
	return result, stderr.String(), code
}

func TestTerraformAsProvider(t *testing.T) {
	for _, pretty := range []string{"false", "true"} {
		result, stderr, code := provider(t, map[string]string{"spec": providerSpec, "pretty": pretty})
		if code != 0 || stderr != "" {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		want, rep := generator.Generate("spec", []byte(providerSpec), generator.Options{Pretty: pretty == "true", Butane: true})
		if rep.HasErrors() {
			t.Fatal(rep)
		}
		if len(result) != 2 || result["rendered"] != string(want.Ignition) || result["butane"] != string(want.Butane) {
			t.Errorf("pretty=%s: result differs from gen's output: %q", pretty, result)
		}
	}
}

func TestTerraformSpecFileAsProvider(t *testing.T) {
	path := t.TempDir() + "/spec.yaml"
	if err := os.WriteFile(path, []byte(providerSpec), 0o644); err != nil {
		t.Fatal(err)
	}
	result, _, code := provider(t, map[string]string{"spec_file": path, "strict": "true"})
	if code != 0 || !strings.Contains(result["rendered"], `"source":"https://mirror.example/app.raw?a=1\u0026b=2"`) {
		t.Errorf("exit %d, result %q", code, result)
	}
}

func TestTerraformErrorIsOneLine(t *testing.T) {
	bad := "arch: i386\nextensions:\n  - name: a/b\n    version: '1'\n"
	_, stderr, code := provider(t, map[string]string{"spec": bad})
	want := `spec:1:7: error: unknown arch "i386"; use x86-64 or arm64; ` +
		`spec:3:11: error: name "a/b" is invalid; use at most 64 letters, digits, '.', '_', '+' or '-', starting with a letter or digit` + "\n"
	if code != exitInvalid || stderr != want {
		t.Errorf("exit %d, stderr\n%q\nwant\n%q", code, stderr, want)
	}
}

// TestTerraformLimits covers the inputs a text file in testdata cannot hold well.
func TestTerraformLimits(t *testing.T) {
	devNull, err := os.Open(os.DevNull)
	if err != nil {
		t.Fatal(err)
	}
	defer devNull.Close()
	huge, _ := json.Marshal(map[string]string{"spec": strings.Repeat("<", maxQueryBytes/6+1)})
	for name, c := range map[string]struct {
		stdin io.Reader
		want  string
	}{
		"device":     {devNull, "stdin is a terminal or other device"},
		"over 8 MiB": {bytes.NewReader(huge), "stdin is larger than the 8 MiB limit"},
		"spec over 1 MiB": {strings.NewReader(`{"spec":"#` + strings.Repeat("x", generator.MaxSpecBytes) + `"}`),
			"spec: error: spec is larger than the 1 MiB limit"},
	} {
		var stdout, stderr bytes.Buffer
		code := run([]string{"terraform"}, c.stdin, &stdout, &stderr)
		if code != exitInvalid || stdout.Len() > 0 || !strings.Contains(stderr.String(), c.want) || strings.Count(stderr.String(), "\n") != 1 {
			t.Errorf("%s: exit %d, stdout %d bytes, stderr %q", name, code, stdout.Len(), stderr.String())
		}
	}
}

// TestTerraformLargestSpecFits proves a spec at its own size limit, made of the characters the provider's encoder
// escapes most, passes through the query limit and generates.
func TestTerraformLargestSpecFits(t *testing.T) {
	head, tail := "disable: [torcx-generator]\n#", "\n"
	spec := head + strings.Repeat("<", generator.MaxSpecBytes-len(head)-len(tail)) + tail
	result, stderr, code := provider(t, map[string]string{"spec": spec})
	if code != exitOK || stderr != "" || !strings.Contains(result["rendered"], `"ignition"`) {
		t.Errorf("a %d byte spec escaped as the provider does: exit %d, stderr %q", len(spec), code, stderr)
	}
}
