package generator

import (
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/coreos/ignition/v2/config/v3_3/types"
)

// TestNoVersionedNamesInExtensions checks the lint's promise: /etc/extensions only ever holds NAME.raw for a spec NAME, or a built-in.
func TestNoVersionedNamesInExtensions(t *testing.T) {
	inExtensions := regexp.MustCompile(`^/etc/extensions/([^/]+)$`)
	for _, dir := range fixtureDirs(t) {
		spec := decodeSpec(&reporter{file: "spec.yaml"}, readFile(t, filepath.Join(dir, "spec.yaml")))
		allowed := map[string]bool{"docker-flatcar.raw": true, "containerd-flatcar.raw": true, "docker-flatcar": true, "containerd-flatcar": true}
		for _, e := range spec.Extensions {
			allowed[e.Name.Value+".raw"] = true
		}
		res, _ := genFixture(t, dir, Options{})
		cfg := parseIgn(t, res.Ignition)
		var paths []string
		for _, f := range cfg.Storage.Files {
			paths = append(paths, f.Path)
		}
		for _, l := range cfg.Storage.Links {
			paths = append(paths, l.Path)
		}
		for _, d := range cfg.Storage.Directories {
			paths = append(paths, d.Path)
		}
		for _, p := range paths {
			if m := inExtensions.FindStringSubmatch(p); m != nil && !allowed[m[1]] {
				t.Errorf("%s: %s is not NAME.raw for a spec name", dir, p)
			}
		}
	}
}

// TestNothingUnderTmp keeps every generated file, link and unit away from /tmp, where any user can plant a link
// for a root-run command to write through.
func TestNothingUnderTmp(t *testing.T) {
	for _, dir := range fixtureDirs(t) {
		res, _ := genFixture(t, dir, Options{})
		for _, where := range tmpUses(t, res.Ignition) {
			t.Errorf("%s: %s mentions /tmp", dir, where)
		}
	}
	planted := `{"storage":{"links":[{"path":"/etc/x","target":"/tmp/x"}]},"systemd":{"units":[{"name":"a.service","dropins":[{"name":"b.conf","contents":"ExecStart=sh -c 'echo > /tmp/y'"}]}]}}`
	if got := tmpUses(t, []byte(planted)); len(got) != 2 {
		t.Errorf("the check found %q in a config with two uses of /tmp", got)
	}
}

// tmpUses names each path, link target, file content and unit text of an Ignition config that mentions /tmp.
func tmpUses(t *testing.T, ign []byte) []string {
	t.Helper()
	c := parseIgn(t, ign)
	texts := map[string]string{}
	for _, f := range c.Storage.Files {
		texts[f.Path] = f.Path
		if f.Contents.Source != nil {
			texts[f.Path+" contents"] = dataURLOrSource(t, f.Contents)
		}
	}
	for _, l := range c.Storage.Links {
		texts[l.Path] = l.Path + " " + *l.Target
	}
	for _, d := range c.Storage.Directories {
		texts[d.Path] = d.Path
	}
	for _, u := range c.Systemd.Units {
		if u.Contents != nil {
			texts[u.Name] = *u.Contents
		}
		for _, d := range u.Dropins {
			if d.Contents != nil {
				texts[u.Name+"/"+d.Name] = *d.Contents
			}
		}
	}
	var out []string
	for where, text := range texts {
		if tmpPath.MatchString(text) {
			out = append(out, where)
		}
	}
	sort.Strings(out)
	return out
}

// tmpPath matches /tmp as a path of its own, not /tmpfiles or /var/tmp.
var tmpPath = regexp.MustCompile(`(^|[\s"'=:>(])/tmp(/|$|[\s"';)])`)

// dataURLOrSource decodes inline contents and leaves a download URL as it is.
func dataURLOrSource(t *testing.T, r types.Resource) string {
	t.Helper()
	if strings.HasPrefix(*r.Source, "data:") {
		return dataURL(t, r)
	}
	return *r.Source
}
