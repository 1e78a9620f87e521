package e2e

import (
	"bytes"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"gopkg.in/yaml.v3"
)

// spec is the v1 spec format as docs/spec.md documents it; the tests write their own
// specs with it so that every URL points at a loopback server.
type spec struct {
	ButaneVersion     string            `yaml:"butane_version,omitempty"`
	Arch              string            `yaml:"arch,omitempty"`
	BakeryURL         string            `yaml:"bakery_url,omitempty"`
	DisableMethod     string            `yaml:"disable_method,omitempty"`
	Disable           []string          `yaml:"disable,omitempty"`
	CA                []string          `yaml:"ca,omitempty"`
	Headers           map[string]string `yaml:"headers,omitempty"`
	Include           []string          `yaml:"include,omitempty"`
	UpdateKeyring     string            `yaml:"update_keyring,omitempty"`
	Extensions        []extension       `yaml:"extensions,omitempty"`
	FlatcarExtensions []string          `yaml:"flatcar_extensions,omitempty"`
	IgnoreWarnings    []string          `yaml:"ignore_warnings,omitempty"`
	UpdateTimer       *bool             `yaml:"update_timer,omitempty"`
}

// extension is one entry of spec.extensions.
type extension struct {
	Name    string            `yaml:"name"`
	Source  string            `yaml:"source,omitempty"`
	Version string            `yaml:"version,omitempty"`
	Arch    string            `yaml:"arch,omitempty"`
	Hash    string            `yaml:"hash,omitempty"`
	Headers map[string]string `yaml:"headers,omitempty"`
	Update  *update           `yaml:"update,omitempty"`
}

// update is `update: true` or `update: {series: …, source: …}`; off marks
// `update: false` while decoding, and parseSpec turns it into no update.
type update struct {
	Series, Source, Action string
	Restart                []string
	Verify                 bool
	off                    bool
}

// updateFields are the keys of the mapping form of update.
type updateFields struct {
	Series  string   `yaml:"series,omitempty"`
	Source  string   `yaml:"source,omitempty"`
	Action  string   `yaml:"action,omitempty"`
	Restart []string `yaml:"restart,omitempty"`
	Verify  bool     `yaml:"verify,omitempty"`
}

// MarshalYAML writes the short `true` form when no field is set.
func (u update) MarshalYAML() (any, error) {
	if u.Series == "" && u.Source == "" && u.Action == "" && len(u.Restart) == 0 && !u.Verify {
		return true, nil
	}
	return updateFields{u.Series, u.Source, u.Action, u.Restart, u.Verify}, nil
}

// action is what the drop-in does when the link moved, with the spec's defaults applied.
func (u update) action() string {
	switch {
	case u.Action != "":
		return u.Action
	case len(u.Restart) > 0:
		return "refresh"
	}
	return "reboot"
}

// local tells an update source that is a directory on the node.
func (u update) local() bool { return strings.HasPrefix(u.Source, "/") }

// UnmarshalYAML accepts both forms, for specs read from fixtures/.
func (u *update) UnmarshalYAML(n *yaml.Node) error {
	var on bool
	if n.Kind == yaml.ScalarNode && n.Decode(&on) == nil {
		*u = update{off: !on}
		return nil
	}
	var m updateFields
	if err := n.Decode(&m); err != nil {
		return err
	}
	*u = update{Series: m.Series, Source: m.Source, Action: m.Action, Restart: m.Restart, Verify: m.Verify}
	return nil
}

// archAliases are the spellings the format accepts besides systemd's %a.
var archAliases = map[string]string{"amd64": "x86-64", "aarch64": "arm64"}

// arch is the extension's own arch, else the spec's, else the format's
// default, in systemd's %a spelling that image names use.
func (s spec) arch(e extension) string {
	a := "x86-64"
	switch {
	case e.Arch != "":
		a = e.Arch
	case s.Arch != "":
		a = s.Arch
	}
	if c, ok := archAliases[a]; ok {
		return c
	}
	return a
}

// headersOf is what a download for e must carry: the top-level headers with
// the extension's own winning over them.
func (s spec) headersOf(e extension) map[string]string {
	out := map[string]string{}
	for _, m := range []map[string]string{s.Headers, e.Headers} {
		for k, v := range m {
			out[http.CanonicalHeaderKey(k)] = v
		}
	}
	return out
}

// image is the versioned image file name the bakery and sysupdate use.
func (s spec) image(e extension) string {
	return fmt.Sprintf("%s-%s-%s.raw", e.Name, e.Version, s.arch(e))
}

// yamlOf renders a spec the way a user would write it.
func yamlOf(t *testing.T, s spec) []byte {
	t.Helper()
	var b bytes.Buffer
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(s); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// parseSpec reads a spec strictly, so a key this suite does not know fails
// loudly instead of being dropped when the spec is rewritten.
func parseSpec(b []byte) (spec, error) {
	var s spec
	dec := yaml.NewDecoder(bytes.NewReader(b))
	dec.KnownFields(true)
	err := dec.Decode(&s)
	for i, e := range s.Extensions {
		if e.Update != nil && e.Update.off {
			s.Extensions[i].Update = nil
		}
	}
	return s, err
}

// gen writes the spec into dir and returns what `sysext-ign gen` printed.
func gen(t *testing.T, dir string, s spec, flags ...string) []byte {
	t.Helper()
	return genFile(t, writeSpec(t, dir, s), flags...)
}

// writeSpec writes s as dir/spec.yaml and returns the path.
func writeSpec(t *testing.T, dir string, s spec) string {
	t.Helper()
	path := filepath.Join(dir, "spec.yaml")
	if err := os.WriteFile(path, yamlOf(t, s), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// genFile returns what `sysext-ign gen` printed for the spec at path.
func genFile(t *testing.T, path string, flags ...string) []byte {
	t.Helper()
	args := append(append([]string{"gen"}, flags...), path)
	r := runCmd(t, command(60*time.Second, tool(t, envBin), args...))
	if r.err != nil {
		b, _ := os.ReadFile(path)
		t.Fatalf("sysext-ign gen failed for spec:\n%s", b)
	}
	return []byte(r.stdout)
}
