package e2e

import (
	"encoding/json"
	"encoding/pem"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"
)

// The sysext-ign provider built from this checkout, and the version its mirror entry claims.
const (
	envSysextign        = "SYSEXT_IGN_E2E_SYSEXTIGN"
	envSysextignVersion = "SYSEXT_IGN_E2E_SYSEXTIGN_VERSION"
)

// providerSecret is the header value every spec here carries; no console output may show it.
const providerSecret = "e2e-s3cr3t-9c41"

// providerCase is a copy of examples/terraform-provider made ready for tofu: the provider in a filesystem mirror,
// sysext-ign deliberately not on PATH, and a conf/ directory for the specs the checks write.
type providerCase struct {
	tf         tofuRunner
	work, conf string
	ca         []byte       // the PEM of a loopback TLS server's certificate, named by the specs as ca.pem
	mirrorURL  string       // that server, as the specs' bakery_url
	requests   atomic.Int64 // what that server was asked: rendering must never download
}

func newProviderCase(t *testing.T) *providerCase {
	dir := t.TempDir()
	work := filepath.Join(dir, "example")
	copyExample(t, "terraform-provider", work)
	tf := tofuRunner{t: t, bin: tool(t, envTofu), dir: work, env: append(os.Environ(),
		"TF_IN_AUTOMATION=1", "TF_INPUT=0", "CHECKPOINT_DISABLE=1", "TF_CLI_CONFIG_FILE=/dev/null")}
	tf.env = append(tf.env, "TF_CLI_CONFIG_FILE="+mirrorProvider(t, tf, dir, "sysext-ign", "sysextign", envSysextign, envSysextignVersion))
	if r := tf.run("init", "-input=false", "-no-color"); r.err != nil {
		t.Fatal("tofu init failed")
	}
	c := &providerCase{tf: tf, work: work, conf: filepath.Join(work, "conf")}
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		c.requests.Add(1)
		w.WriteHeader(http.StatusNotFound)
	}))
	t.Cleanup(srv.Close)
	c.ca = pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: srv.Certificate().Raw})
	base, err := os.ReadFile(filepath.Join(tool(t, envRepo), "fixtures", "include-merge", "base.bu"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(c.conf, 0o755); err != nil {
		t.Fatal(err)
	}
	for name, body := range map[string][]byte{"ca.pem": c.ca, "base.bu": base} {
		if err := os.WriteFile(filepath.Join(c.conf, name), body, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	c.mirrorURL = srv.URL
	return c
}

// useConf points the example's data source at conf/spec.yaml, with base_dir conf/ and the given strict, through an
// override file, so the example itself stays as users copy it.
func (c *providerCase) useConf(t *testing.T, s spec, strict bool) string {
	t.Helper()
	path := writeSpec(t, c.conf, s)
	c.writeJSON(t, "e2e_override.tf.json", map[string]any{"data": map[string]any{"sysextign_config": map[string]any{"sysext": map[string]any{
		"spec": `${file("${path.module}/conf/spec.yaml")}`, "base_dir": "${path.module}/conf", "strict": strict,
	}}}})
	return path
}

// writeJSON writes a configuration file in Terraform's JSON syntax into the working directory.
func (c *providerCase) writeJSON(t *testing.T, name string, v any) {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(c.work, name), b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// secretSpec downloads over https from the loopback server with a secret header, trusts its CA and includes base.bu.
func (c *providerCase) secretSpec() spec {
	return spec{ButaneVersion: "1.0.0", Arch: "x86-64", BakeryURL: c.mirrorURL + "/sysext", CA: []string{"ca.pem"},
		Headers: map[string]string{"Authorization": "Bearer " + providerSecret}, Include: []string{"base.bu"},
		Disable: []string{"docker-flatcar", "containerd-flatcar"}, Extensions: []extension{{Name: "docker", Version: "28.0.4"}}}
}

// assertNoSecrets fails when console output shows the header value, or the CA in any form the results carry it.
func (c *providerCase) assertNoSecrets(t *testing.T, what string, r result, rendered string) {
	t.Helper()
	text := r.combined()
	flat := strings.Join(strings.Fields(text), "")
	if strings.Contains(flat, providerSecret) {
		t.Errorf("%s shows the header value:\n%s", what, text)
	}
	for _, line := range strings.Split(strings.TrimSpace(string(c.ca)), "\n")[1:] {
		if len(line) > 20 && strings.Contains(flat, line) {
			t.Errorf("%s shows the CA:\n%s", what, text)
			break
		}
	}
	for _, m := range regexp.MustCompile(`data:[^"]*base64,[^"]+`).FindAllString(rendered, -1) {
		if strings.Contains(flat, m) {
			t.Errorf("%s shows the CA as rendered carries it:\n%s", what, text)
		}
	}
}

func (c *providerCase) output(t *testing.T) string {
	t.Helper()
	r := c.tf.run("output", "-raw", "rendered")
	if r.err != nil {
		t.Fatal("tofu output failed")
	}
	return r.stdout
}

// TestProvider applies examples/terraform-provider with real OpenTofu and the sysext-ign provider built from this
// checkout, installed from a filesystem mirror, without sysext-ign on PATH.
func TestProvider(t *testing.T) {
	inPart(t, "provider")
	c := newProviderCase(t)
	apply := func(t *testing.T) result {
		t.Helper()
		c.tf.t = t
		r := c.tf.run("apply", "-auto-approve", "-input=false", "-no-color")
		if r.err != nil {
			t.Fatal("tofu apply failed")
		}
		return r
	}

	t.Run("example_rendered_is_gen_output", func(t *testing.T) {
		apply(t)
		if got, want := c.output(t), string(genFile(t, filepath.Join(c.work, "spec.yaml"))); got != want {
			t.Errorf("rendered differs from sysext-ign gen:\ntofu (%d bytes): %q\ngen  (%d bytes): %q", len(got), clip(got), len(want), clip(want))
		}
	})

	var rendered string
	t.Run("secrets_stay_out_of_plan_and_apply", func(t *testing.T) {
		path := c.useConf(t, c.secretSpec(), true)
		c.tf.t = t
		plan := c.tf.run("plan", "-input=false", "-no-color")
		if plan.err != nil {
			t.Fatal("tofu plan failed")
		}
		ap := apply(t)
		rendered = c.output(t)
		if want := string(genFile(t, path)); rendered != want {
			t.Fatalf("rendered differs from sysext-ign gen:\ntofu: %q\ngen:  %q", clip(rendered), clip(want))
		}
		if !strings.Contains(rendered, providerSecret) || !strings.Contains(rendered, "certificateAuthorities") {
			t.Fatal("rendered lacks the header or the CA, so this check proves nothing")
		}
		c.assertNoSecrets(t, "tofu plan", plan, rendered)
		c.assertNoSecrets(t, "tofu apply", ap, rendered)
		if n := c.requests.Load(); n != 0 {
			t.Errorf("plan and apply sent %d requests to the spec's bakery; the provider must not use the network", n)
		}
	})

	// A data source whose arguments are unknown until apply is read then, and the plan lists its arguments:
	// spec must show as sensitive there.
	t.Run("deferred_read_hides_spec", func(t *testing.T) {
		c.writeJSON(t, "e2e_deferred.tf.json", map[string]any{"resource": map[string]any{"terraform_data": map[string]any{
			"conf": map[string]any{"input": "${path.module}/conf"}}}})
		defer os.Remove(filepath.Join(c.work, "e2e_deferred.tf.json"))
		c.writeJSON(t, "e2e_override.tf.json", map[string]any{"data": map[string]any{"sysextign_config": map[string]any{"sysext": map[string]any{
			"spec": `${file("${path.module}/conf/spec.yaml")}`, "base_dir": "${terraform_data.conf.output}",
		}}}})
		c.tf.t = t
		r := c.tf.run("plan", "-input=false", "-no-color")
		if r.err != nil {
			t.Fatal("tofu plan failed")
		}
		if !strings.Contains(r.stdout, `<= data "sysextign_config" "sysext"`) || !strings.Contains(r.stdout, "spec") {
			t.Fatalf("the plan does not list the deferred read, so this check proves nothing:\n%s", r.stdout)
		}
		c.assertNoSecrets(t, "tofu plan", r, rendered)
	})

	t.Run("base_dir_include_merged", func(t *testing.T) {
		if _, err := os.Stat(filepath.Join(c.work, "base.bu")); err == nil {
			t.Fatal("base.bu is in the working directory too, so base_dir is not what found it")
		}
		for _, want := range []string{`"/etc/hostname"`, `"hello.service"`, "ssh-ed25519 "} {
			if !strings.Contains(rendered, want) {
				t.Errorf("rendered lacks %s from conf/base.bu", want)
			}
		}
	})

	t.Run("show_json_marks_sensitive", func(t *testing.T) {
		c.tf.t = t
		r := c.tf.run("show", "-json", "-no-color")
		var show struct {
			Values struct {
				Outputs    map[string]struct{ Sensitive bool }
				RootModule struct {
					Resources []struct {
						Address         string
						Values          map[string]any
						SensitiveValues map[string]any `json:"sensitive_values"`
					}
				} `json:"root_module"`
			}
		}
		if r.err != nil || json.Unmarshal([]byte(r.stdout), &show) != nil {
			t.Fatal("tofu show -json failed")
		}
		if !show.Values.Outputs["rendered"].Sensitive {
			t.Error("output rendered is not sensitive")
		}
		found := false
		for _, res := range show.Values.RootModule.Resources {
			if res.Address != "data.sysextign_config.sysext" {
				continue
			}
			found = true
			for _, name := range []string{"rendered", "butane", "spec"} {
				if res.SensitiveValues[name] != true {
					t.Errorf("%s is not marked sensitive: %v", name, res.SensitiveValues)
				}
			}
			if want := string(genFile(t, filepath.Join(c.conf, "spec.yaml"), "--butane")); res.Values["butane"] != want {
				t.Errorf("butane differs from sysext-ign gen --butane:\n%v", res.Values["butane"])
			}
		}
		if !found {
			t.Errorf("tofu show -json has no data.sysextign_config.sysext:\n%s", clip(r.stdout))
		}
	})

	t.Run("broken_spec_fails_plan", func(t *testing.T) {
		s := c.secretSpec()
		s.Arch = "sparc64"
		c.useConf(t, s, true)
		c.tf.t = t
		r := c.tf.run("plan", "-input=false", "-no-color")
		if r.err == nil {
			t.Fatal("tofu plan succeeded on a spec with arch: sparc64")
		}
		flat := strings.Join(strings.Fields(r.combined()), " ")
		if !strings.Contains(flat, `spec:2:7: error: unknown arch "sparc64"`) {
			t.Errorf("tofu plan failed without the positioned message spec:2:7:\n%s", r.combined())
		}
		c.assertNoSecrets(t, "tofu plan", r, rendered)
	})

	warned := spec{Disable: []string{"containerd-flatcar"}, Extensions: []extension{{Name: "docker", Version: "28.0.4"}}}
	const warning = `extension "docker" and the built-in docker-flatcar would both be merged`
	t.Run("warning_shown_and_not_fatal", func(t *testing.T) {
		c.useConf(t, warned, false)
		r := apply(t)
		flat := strings.Join(strings.Fields(r.combined()), " ")
		if !strings.Contains(flat, "Warning: ") || !strings.Contains(flat, "spec:4:11: warning: "+warning) ||
			!strings.Contains(flat, "[builtin-still-merged]") {
			t.Errorf("tofu apply shows no positioned warning with its code:\n%s", r.combined())
		}
	})

	t.Run("strict_fails_on_warning", func(t *testing.T) {
		c.useConf(t, warned, true)
		c.tf.t = t
		r := c.tf.run("plan", "-input=false", "-no-color")
		if r.err == nil {
			t.Fatal("tofu plan succeeded with strict = true on a spec with a warning")
		}
		if flat := strings.Join(strings.Fields(r.combined()), " "); !strings.Contains(flat, "spec:4:11: error: "+warning) {
			t.Errorf("tofu plan failed without the positioned error:\n%s", r.combined())
		}
	})
}
