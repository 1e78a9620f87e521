package e2e

import (
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

// copyExample copies the top-level files of examples/NAME, leaving out
// any .terraform state a developer may have there.
func copyExample(t *testing.T, name, dst string) {
	t.Helper()
	src := filepath.Join(tool(t, envRepo), "examples", name)
	entries, err := os.ReadDir(src)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(dst, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if !e.Type().IsRegular() || strings.HasPrefix(e.Name(), ".") {
			continue
		}
		b, err := os.ReadFile(filepath.Join(src, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dst, e.Name()), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// tofuRunner runs OpenTofu non-interactively in one working directory.
type tofuRunner struct {
	t        *testing.T
	bin, dir string
	env      []string
}

func (r tofuRunner) run(args ...string) result {
	r.t.Helper()
	c := command(300*time.Second, r.bin, args...)
	c.Dir, c.Env = r.dir, r.env
	return runCmd(r.t, c)
}

// installMirror lays the stand-in provider out as a filesystem mirror.
func installMirror(t *testing.T, tf tofuRunner, dir string) string {
	t.Helper()
	return mirrorProvider(t, tf, dir, "hashicorp", "external", envProvider, envProviderVersion)
}

// mirrorProvider lays the provider binary named by the binEnv variable out as
// an unpacked filesystem mirror under the registry host tofu itself reports
// for NAMESPACE/TYPE, and points a CLI config at it so that init never goes
// to the network.
func mirrorProvider(t *testing.T, tf tofuRunner, dir, namespace, typ, binEnv, versionEnv string) string {
	t.Helper()
	host := registryHost(t, tf, namespace+"/"+typ)
	version := os.Getenv(versionEnv)
	if version == "" {
		t.Fatalf("%s is not set: run the suite through scripts/e2e", versionEnv)
	}
	mirror := filepath.Join(dir, "mirror")
	plat := filepath.Join(mirror, host, namespace, typ, version, "linux_amd64")
	b, err := os.ReadFile(tool(t, binEnv))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(plat, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(plat, "terraform-provider-"+typ+"_v"+version), b, 0o755); err != nil {
		t.Fatal(err)
	}
	cfg := filepath.Join(dir, "cli.tfrc")
	body := "provider_installation {\n  filesystem_mirror {\n    path = " + strconv.Quote(mirror) + "\n  }\n}\n"
	if err := os.WriteFile(cfg, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	return cfg
}

// registryHost is the registry host tofu itself reports for the configuration's provider NAMESPACE/TYPE.
func registryHost(t *testing.T, tf tofuRunner, source string) string {
	t.Helper()
	r := tf.run("providers", "-no-color")
	m := regexp.MustCompile(`provider\[([^/\]]+)/` + regexp.QuoteMeta(source) + `\]`).FindStringSubmatch(r.stdout)
	if r.err != nil || m == nil {
		t.Fatalf("tofu providers names no %s provider:\n%s", source, r.combined())
	}
	return m[1]
}

// TestTofu checks that examples/terraform, applied by real OpenTofu with
// sysext-ign on PATH, outputs exactly what `sysext-ign gen` prints, and that
// a broken spec fails the apply with sysext-ign's positioned message.
func TestTofu(t *testing.T) {
	inPart(t, "tofu")
	bin := tool(t, envBin)
	dir := t.TempDir()
	work := filepath.Join(dir, "example")
	copyExample(t, "terraform", work)
	tf := tofuRunner{t: t, bin: tool(t, envTofu), dir: work, env: append(os.Environ(),
		"TF_IN_AUTOMATION=1", "TF_INPUT=0", "CHECKPOINT_DISABLE=1", "TF_CLI_CONFIG_FILE=/dev/null",
		"PATH="+filepath.Dir(bin)+string(os.PathListSeparator)+os.Getenv("PATH"))}
	tf.env = append(tf.env, "TF_CLI_CONFIG_FILE="+installMirror(t, tf, dir))

	if r := tf.run("init", "-input=false", "-no-color"); r.err != nil {
		t.Fatal("tofu init failed")
	}
	if r := tf.run("apply", "-auto-approve", "-input=false", "-no-color"); r.err != nil {
		t.Fatal("tofu apply failed")
	}
	got := tf.run("output", "-raw", "rendered")
	want := runCmd(t, command(60*time.Second, bin, "gen", filepath.Join(work, "spec.yaml")))
	if got.err != nil || want.err != nil {
		t.Fatal("could not read the output or run sysext-ign gen")
	}
	if got.stdout != want.stdout {
		t.Errorf("tofu output rendered differs from sysext-ign gen:\ntofu (%d bytes): %q\ngen  (%d bytes): %q",
			len(got.stdout), clip(got.stdout), len(want.stdout), clip(want.stdout))
	}

	broken := "butane_version: 1.0.0\narch: sparc64\nextensions:\n  - name: docker\n    version: 28.0.4\n"
	if err := os.WriteFile(filepath.Join(work, "spec.yaml"), []byte(broken), 0o644); err != nil {
		t.Fatal(err)
	}
	r := tf.run("apply", "-auto-approve", "-input=false", "-no-color")
	if r.err == nil {
		t.Fatal("tofu apply succeeded on a spec with arch: sparc64")
	}
	flat := strings.Join(strings.Fields(r.combined()), " ")
	if !regexp.MustCompile(`spec:2:\d+: error: `).MatchString(flat) {
		t.Errorf("tofu apply failed without sysext-ign's spec:2:COL: error: message:\n%s", r.combined())
	}
}
