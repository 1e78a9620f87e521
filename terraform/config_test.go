package main

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// server is the provider as Terraform sees it: the framework's protocol 6 server, called without a transport.
func server(t *testing.T) tfprotov6.ProviderServer {
	t.Helper()
	s, err := providerserver.NewProtocol6WithError(newProvider("test", "")())()
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// configType is the data source's object type, taken from the schema the provider serves.
func configType(t *testing.T, s tfprotov6.ProviderServer) tftypes.Object {
	t.Helper()
	resp, err := s.GetProviderSchema(context.Background(), &tfprotov6.GetProviderSchemaRequest{})
	if err != nil || len(resp.Diagnostics) > 0 {
		t.Fatalf("schema: %v %v", err, resp.Diagnostics)
	}
	sch := resp.DataSourceSchemas["sysextign_config"]
	if sch == nil {
		t.Fatal("no sysextign_config data source")
	}
	return sch.ValueType().(tftypes.Object)
}

// read runs one ReadDataSource with the given attributes set (the rest null) and returns
// the diagnostics and the state's attributes, nil when it rendered nothing.
func read(t *testing.T, attrs map[string]tftypes.Value) ([]*tfprotov6.Diagnostic, map[string]tftypes.Value) {
	t.Helper()
	s := server(t)
	typ := configType(t, s)
	vals := map[string]tftypes.Value{}
	for name, at := range typ.AttributeTypes {
		vals[name] = tftypes.NewValue(at, nil)
		if v, ok := attrs[name]; ok {
			vals[name] = v
		}
	}
	cfg, err := tfprotov6.NewDynamicValue(typ, tftypes.NewValue(typ, vals))
	if err != nil {
		t.Fatal(err)
	}
	resp, err := s.ReadDataSource(context.Background(), &tfprotov6.ReadDataSourceRequest{TypeName: "sysextign_config", Config: &cfg})
	if err != nil {
		t.Fatal(err)
	}
	if resp.State == nil {
		return resp.Diagnostics, nil
	}
	st, err := resp.State.Unmarshal(typ)
	if err != nil {
		t.Fatal(err)
	}
	var out map[string]tftypes.Value
	if err := st.As(&out); err != nil {
		t.Fatal(err)
	}
	if out["rendered"].IsNull() { // on errors the framework answers with the config, computed values null
		return resp.Diagnostics, nil
	}
	return resp.Diagnostics, out
}

func str(s string) tftypes.Value   { return tftypes.NewValue(tftypes.String, s) }
func boolean(b bool) tftypes.Value { return tftypes.NewValue(tftypes.Bool, b) }

func asString(t *testing.T, v tftypes.Value) string {
	t.Helper()
	var s string
	if err := v.As(&s); err != nil {
		t.Fatal(err)
	}
	return s
}

func asStrings(t *testing.T, v tftypes.Value) []string {
	t.Helper()
	var list []tftypes.Value
	if err := v.As(&list); err != nil {
		t.Fatal(err)
	}
	out := make([]string, len(list))
	for i, e := range list {
		out[i] = asString(t, e)
	}
	return out
}

func mustRead(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestFixtures proves the data source gives the CLI's golden Ignition and Butane for every fixture,
// with the fixture's ca and include files found through base_dir.
func TestFixtures(t *testing.T) {
	dirs, err := filepath.Glob("../fixtures/*/spec.yaml")
	if err != nil || len(dirs) == 0 {
		t.Fatalf("no fixtures: %v", err)
	}
	for _, spec := range dirs {
		dir := filepath.Dir(spec)
		t.Run(filepath.Base(dir), func(t *testing.T) {
			diags, st := read(t, map[string]tftypes.Value{
				"spec": str(mustRead(t, spec)), "base_dir": str(dir), "pretty": boolean(true),
			})
			if st == nil {
				t.Fatalf("read failed: %v", details(diags))
			}
			if got, want := asString(t, st["rendered"]), mustRead(t, filepath.Join(dir, "want.ign")); got != want {
				t.Errorf("rendered differs from want.ign:\n%s", got)
			}
			if got, want := asString(t, st["butane"]), mustRead(t, filepath.Join(dir, "want.bu")); got != want {
				t.Errorf("butane differs from want.bu:\n%s", got)
			}
		})
	}
}

// TestCompact checks that pretty defaults to false: one line of JSON and a newline, as gen prints.
func TestCompact(t *testing.T) {
	diags, st := read(t, map[string]tftypes.Value{"spec": str(mustRead(t, "../fixtures/docs-today/spec.yaml"))})
	if st == nil {
		t.Fatalf("read failed: %v", details(diags))
	}
	got := asString(t, st["rendered"])
	if !strings.HasPrefix(got, `{"ignition":`) || strings.Count(got, "\n") != 1 || !strings.HasSuffix(got, "}\n") {
		t.Errorf("rendered is not one line of JSON and a newline: %q", got)
	}
	if w := asStrings(t, st["warnings"]); len(w) != 0 {
		t.Errorf("a clean spec has warnings %q", w)
	}
}

// TestErrors checks one error diagnostic per problem, on the spec attribute, positioned in the spec, and no state.
func TestErrors(t *testing.T) {
	spec := "arch: sparc64\ndisable: [docker-flatcar, containerd-flatcar]\nextensions:\n  - name: docker\n    version: 28.0.4\n    bogus: 1\n"
	diags, st := read(t, map[string]tftypes.Value{"spec": str(spec)})
	if st != nil {
		t.Error("a broken spec produced state")
	}
	want := []*regexp.Regexp{regexp.MustCompile(`^spec:1:7: error: `), regexp.MustCompile(`^spec:6:5: error: `)}
	if len(diags) != len(want) {
		t.Fatalf("want %d diagnostics, got %v", len(want), details(diags))
	}
	for i, d := range diags {
		if d.Severity != tfprotov6.DiagnosticSeverityError || !want[i].MatchString(d.Detail) {
			t.Errorf("diagnostic %d: %v %q, want error matching %s", i, d.Severity, d.Detail, want[i])
		}
		if !d.Attribute.Equal(tftypes.NewAttributePath().WithAttributeName("spec")) {
			t.Errorf("diagnostic %d is on %v, not spec", i, d.Attribute)
		}
	}
}

// TestWarnings checks that a warning is a warning diagnostic and listed in warnings, and that strict fails on it.
func TestWarnings(t *testing.T) {
	spec := "disable: [containerd-flatcar]\nextensions:\n  - name: docker\n    version: 28.0.4\n"
	const want = `spec:3:11: warning: extension "docker" and the built-in docker-flatcar would both be merged; add docker-flatcar to disable: [builtin-still-merged]`
	diags, st := read(t, map[string]tftypes.Value{"spec": str(spec)})
	if st == nil {
		t.Fatalf("a warning failed the read: %v", details(diags))
	}
	if len(diags) != 1 || diags[0].Severity != tfprotov6.DiagnosticSeverityWarning || diags[0].Detail != want {
		t.Errorf("want one warning %q, got %v", want, details(diags))
	}
	if w := asStrings(t, st["warnings"]); len(w) != 1 || w[0] != want {
		t.Errorf("warnings = %q, want [%q]", w, want)
	}

	diags, st = read(t, map[string]tftypes.Value{"spec": str(spec), "strict": boolean(true)})
	if st != nil || len(diags) != 1 || diags[0].Severity != tfprotov6.DiagnosticSeverityError ||
		!strings.HasPrefix(diags[0].Detail, "spec:3:11: error: ") {
		t.Errorf("strict: want one error at spec:3:11, got %v (state %v)", details(diags), st != nil)
	}
}

// TestNoSecretsInDiagnostics checks that no diagnostic repeats a header value or the CA, on the paths
// that touch them.
func TestNoSecretsInDiagnostics(t *testing.T) {
	const secret = "s3cr3t-7f2b"
	ca := mustRead(t, "../fixtures/mirror-with-ca-and-headers/ca.pem")
	caBody := strings.Split(strings.TrimSpace(ca), "\n")[1]
	for name, spec := range map[string]string{
		"crlf":      "extensions:\n  - name: x\n    source: https://m.example/x.raw\n    headers:\n      Authorization: \"Bearer " + secret + "\\r\\nX: " + secret + "\"\n",
		"elsewhere": "ca: [ca.pem]\narch: sparc64\nextensions:\n  - name: x\n    source: https://m.example/x.raw\n    headers:\n      Authorization: Bearer " + secret + "\n",
		"tftp":      "extensions:\n  - name: x\n    source: tftp://m.example/x.raw\n    headers:\n      Authorization: Bearer " + secret + "\n",
		"notca":     "ca: [spec.yaml]\nextensions:\n  - name: x\n    source: https://m.example/x.raw\n    headers:\n      Authorization: Bearer " + secret + "\n",
	} {
		t.Run(name, func(t *testing.T) {
			diags, _ := read(t, map[string]tftypes.Value{"spec": str(spec), "base_dir": str("../fixtures/mirror-with-ca-and-headers")})
			if len(diags) == 0 {
				t.Fatal("no diagnostics")
			}
			for _, d := range diags {
				if text := d.Summary + d.Detail; strings.Contains(text, secret) || strings.Contains(text, caBody) {
					t.Errorf("diagnostic leaks a secret: %q", text)
				}
			}
		})
	}
}

// TestBaseDir checks that ca and include paths resolve in base_dir, and in the working directory without it.
func TestBaseDir(t *testing.T) {
	spec := mustRead(t, "../fixtures/include-merge/spec.yaml")
	if diags, st := read(t, map[string]tftypes.Value{"spec": str(spec)}); st != nil ||
		len(diags) != 1 || !strings.HasPrefix(diags[0].Detail, "spec:3:11: error: cannot read included Butane \"base.bu\": no such file") {
		t.Errorf("without base_dir, base.bu was not looked for in the working directory: %v", details(diags))
	}
	t.Chdir("../fixtures/include-merge")
	if diags, st := read(t, map[string]tftypes.Value{"spec": str(spec), "pretty": boolean(true)}); st == nil {
		t.Errorf("base.bu was not read from the working directory: %v", details(diags))
	} else if got := asString(t, st["rendered"]); got != mustRead(t, "want.ign") {
		t.Errorf("rendered differs from want.ign:\n%s", got)
	}
}

// TestSpecialFiles checks that a FIFO or a directory named as an include fails at once instead of hanging or
// reading something that is not a file.
func TestSpecialFiles(t *testing.T) {
	dir := t.TempDir()
	if err := syscall.Mkfifo(filepath.Join(dir, "fifo.bu"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(filepath.Join(dir, "dir.bu"), 0o755); err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]string{"fifo.bu": "not a regular file", "dir.bu": "is a directory"} {
		done := make(chan []*tfprotov6.Diagnostic, 1)
		go func() {
			diags, _ := read(t, map[string]tftypes.Value{"spec": str("include: [" + name + "]\ndisable: [docker-flatcar]\n"), "base_dir": str(dir)})
			done <- diags
		}()
		select {
		case diags := <-done:
			if len(diags) != 1 || !strings.Contains(diags[0].Detail, want) {
				t.Errorf("%s: want one %q error, got %v", name, want, details(diags))
			}
		case <-time.After(10 * time.Second):
			t.Fatalf("%s: reading it hangs", name)
		}
	}
}

// TestSensitive checks that the attributes that carry header values and CAs are sensitive in the schema,
// so Terraform redacts them in plans and outputs.
func TestSensitive(t *testing.T) {
	resp, err := server(t).GetProviderSchema(context.Background(), &tfprotov6.GetProviderSchemaRequest{})
	if err != nil {
		t.Fatal(err)
	}
	sensitive := map[string]bool{}
	for _, a := range resp.DataSourceSchemas["sysextign_config"].Block.Attributes {
		sensitive[a.Name] = a.Sensitive
	}
	want := map[string]bool{"spec": true, "base_dir": false, "strict": false, "pretty": false, "rendered": true, "butane": true, "warnings": false}
	for name, w := range want {
		if s, ok := sensitive[name]; !ok || s != w {
			t.Errorf("%s: sensitive %v (present %v), want %v", name, s, ok, w)
		}
	}
	if len(sensitive) != len(want) {
		t.Errorf("attributes %v, want those of %v", sensitive, want)
	}
}

func details(diags []*tfprotov6.Diagnostic) []string {
	out := make([]string, len(diags))
	for i, d := range diags {
		out[i] = d.Severity.String() + ": " + d.Summary + ": " + d.Detail
	}
	return out
}

// TestDiagnosticsEscaped checks that an included file's key and an include path holding ESC sequences, line
// breaks and bidi controls reach the provider's diagnostics and warnings escaped, as the CLI prints them.
func TestDiagnosticsEscaped(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"key.bu":                    "variant: flatcar\nversion: 1.0.0\nstorage:\n  files:\n    - path: /etc/a\n      \"\\e[2J\\r\\nspec:1:1: error: forged\\x9b\\u202e\": 1\n",
		"\x1b[32m\u202ename\r\n.bu": "variant: flatcar\nversion: 1.0.0\nstorage:\n  files:\n    - path: /etc/b\n      colour: 1\n",
	}
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	spec := "disable: [torcx-generator]\ninclude: [key.bu, \"\\e[32m\\u202ename\\r\\n.bu\"]\n"
	diags, st := read(t, map[string]tftypes.Value{"spec": str(spec), "base_dir": str(dir)})
	want := []string{
		`key.bu:6:7: warning: unused key \x1b[2J\r\nspec:1:1: error: forged\u009b\u202e [butane-warning]`,
		`\x1b[32m\u202ename\r\n.bu:6:7: warning: unused key colour [butane-warning]`,
	}
	if st == nil || len(diags) != len(want) {
		t.Fatalf("want %d warnings, got %v", len(want), details(diags))
	}
	for i, d := range diags {
		if d.Detail != want[i] {
			t.Errorf("diagnostic %d is\n%q\nwant\n%q", i, d.Detail, want[i])
		}
	}
	if w := asStrings(t, st["warnings"]); len(w) != 2 || w[0] != want[0] || w[1] != want[1] {
		t.Errorf("warnings = %q, want %q", w, want)
	}
}
