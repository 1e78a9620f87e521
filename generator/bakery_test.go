package generator

import (
	"bytes"
	"compress/gzip"
	"encoding/base64"
	"encoding/json"
	"io"
	"net/url"
	"reflect"
	"regexp"
	"strings"
	"testing"

	butane "github.com/coreos/ignition/v2/butane/config"
	"github.com/coreos/ignition/v2/butane/config/common"
	"github.com/coreos/ignition/v2/config/v3_3/types"
)

// bakeryButane is the sysext-bakery's documented Butane for Docker with updates, verbatim.
const bakeryButane = `variant: flatcar
version: 1.0.0
storage:
  files:
    - path: /opt/extensions/docker/docker-28.0.4-x86-64.raw
      mode: 0644
      contents:
        source: https://extensions.flatcar.org/extensions/docker-28.0.4-x86-64.raw
    - path: /etc/sysupdate.docker.d/docker.conf
      contents:
        source: https://extensions.flatcar.org/extensions/docker.conf
    - path: /etc/sysupdate.d/noop.conf
      contents:
        source: https://extensions.flatcar.org/extensions/noop.conf
  links:
    - target: /opt/extensions/docker/docker-28.0.4-x86-64.raw
      path: /etc/extensions/docker.raw
      hard: false
    - path: /etc/extensions/docker-flatcar.raw
      target: /dev/null
      overwrite: true
    - path: /etc/extensions/containerd-flatcar.raw
      target: /dev/null
      overwrite: true
systemd:
  units:
    - name: systemd-sysupdate.timer
      enabled: true
    - name: systemd-sysupdate.service
      dropins:
        - name: docker.conf
          contents: |
            [Service]
            ExecStartPre=/usr/bin/sh -c "readlink --canonicalize /etc/extensions/docker.raw > /tmp/docker"
            ExecStartPre=/usr/lib/systemd/systemd-sysupdate -C docker update
            ExecStartPost=/usr/bin/sh -c "readlink --canonicalize /etc/extensions/docker.raw > /tmp/docker-new"
            ExecStartPost=/usr/bin/sh -c "if ! cmp --silent /tmp/docker /tmp/docker-new; then touch /run/reboot-required; fi"
`

// The files the bakery downloads, as its docs print them.
var bakeryDownloads = map[string]string{
	"/etc/sysupdate.docker.d/docker.conf": "[Transfer]\nVerify=false\n\n[Source]\nType=url-file\nPath=https://extensions.flatcar.org/extensions/docker/\nMatchPattern=docker-@v-%a.raw\n\n[Target]\nInstancesMax=3\nType=regular-file\nPath=/opt/extensions/docker\nCurrentSymlink=/etc/extensions/docker.raw\n",
	"/etc/sysupdate.d/noop.conf":          "[Source]\nType=regular-file\nPath=/\nMatchPattern=invalid@v.raw\n\n[Target]\nType=regular-file\nPath=/\n",
}

// TestBakeryDockerUpdate proves the fixture is the bakery's config with the downloaded files inline,
// changed only in the ways undoBakeryChanges lists.
func TestBakeryDockerUpdate(t *testing.T) {
	want := translateButane(t, bakeryButane)
	res, rep := genFixture(t, "../fixtures/bakery-docker-update", Options{})
	if rep.HasErrors() || len(rep) > 0 {
		t.Fatalf("fixture reports problems: %v", rep)
	}
	got := undoBakeryChanges(t, parseIgn(t, res.Ignition))
	for i, f := range got.Storage.Files {
		if text, ok := bakeryDownloads[f.Path]; ok {
			if inline := dataURL(t, f.Contents); inline != text {
				t.Errorf("%s holds\n%s\nthe bakery's file is\n%s", f.Path, inline, text)
			}
			got.Storage.Files[i].Contents = types.Resource{}
		}
	}
	for i, f := range want.Storage.Files {
		if _, ok := bakeryDownloads[f.Path]; ok {
			want.Storage.Files[i].Contents = types.Resource{}
		}
	}
	if !reflect.DeepEqual(got, want) {
		a, _ := json.MarshalIndent(want, "", " ")
		b, _ := json.MarshalIndent(got, "", " ")
		t.Errorf("fixture differs from the bakery's config:\nbakery %s\nours   %s", a, b)
	}
}

// undoBakeryChanges reverts each way our config knowingly differs from the bakery's, so that nothing else may differ:
// every transfer file also written as .transfer, a MatchPattern on each target, the second timer name,
// 262's notify socket masked because the update waits for a reboot, and drop-in state files in a root-only
// folder under /run with names two extensions cannot share.
func undoBakeryChanges(t *testing.T, c types.Config) types.Config {
	t.Helper()
	conf := map[string]string{}
	for _, f := range c.Storage.Files {
		conf[f.Path] = dataURL(t, f.Contents)
	}
	var files []types.File
	for _, f := range c.Storage.Files {
		if twin, ok := strings.CutSuffix(f.Path, ".transfer"); ok {
			if conf[twin+".conf"] != conf[f.Path] {
				t.Errorf("%s differs from its .conf twin", f.Path)
			}
			continue
		}
		if _, ok := bakeryDownloads[f.Path]; ok {
			before, after, _ := strings.Cut(conf[f.Path], "[Target]\n")
			after = targetPattern.ReplaceAllString(after, "")
			inline := "data:," + url.PathEscape(before+"[Target]\n"+after)
			f.Contents = types.Resource{Source: &inline}
		}
		files = append(files, f)
	}
	c.Storage.Files = files
	var units []types.Unit
	for _, u := range c.Systemd.Units {
		if u.Name == "systemd-sysupdate-update.timer" || u.Name == notifySysextSocket && u.Mask != nil && *u.Mask {
			continue
		}
		for i, d := range u.Dropins {
			renamed := strings.NewReplacer("ExecStartPre=/usr/bin/mkdir -p -m 0700 /run/sysext-ign\n", "",
				"/run/sysext-ign/docker.old", "/tmp/docker", "/run/sysext-ign/docker.new", "/tmp/docker-new").Replace(*d.Contents)
			u.Dropins[i].Contents = &renamed
		}
		units = append(units, u)
	}
	c.Systemd.Units = units
	return c
}

var targetPattern = regexp.MustCompile(`(?m)^MatchPattern=.*\n`)

func translateButane(t *testing.T, bu string) types.Config {
	out, r, err := butane.TranslateBytes([]byte(bu), common.TranslateBytesOptions{})
	if err != nil || len(r.Entries) > 0 {
		t.Fatalf("butane: %v %v", err, r)
	}
	return parseIgn(t, out)
}

func parseIgn(t *testing.T, b []byte) types.Config {
	var c types.Config
	if err := json.Unmarshal(b, &c); err != nil {
		t.Fatal(err)
	}
	return c
}

// dataURL decodes the data: URLs Butane writes for inline contents, compressed or not.
func dataURL(t *testing.T, r types.Resource) string {
	t.Helper()
	src := *r.Source
	meta, data, _ := strings.Cut(strings.TrimPrefix(src, "data:"), ",")
	var raw []byte
	if strings.HasSuffix(meta, ";base64") {
		var err error
		if raw, err = base64.StdEncoding.DecodeString(data); err != nil {
			t.Fatal(err)
		}
	} else {
		s, err := url.PathUnescape(data)
		if err != nil {
			t.Fatal(err)
		}
		raw = []byte(s)
	}
	if r.Compression != nil && *r.Compression == "gzip" {
		zr, err := gzip.NewReader(bytes.NewReader(raw))
		if err != nil {
			t.Fatal(err)
		}
		if raw, err = io.ReadAll(zr); err != nil {
			t.Fatal(err)
		}
	}
	return string(raw)
}
