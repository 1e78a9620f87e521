package generator

import (
	"bytes"
	"compress/gzip"
	"encoding/base64"
	"encoding/json"
	"io"
	"net/url"
	"reflect"
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

// TestBakeryDockerUpdate proves the fixture is the bakery's config, with the downloaded files inline
// and the drop-in's state files renamed so that two extensions can never share one.
func TestBakeryDockerUpdate(t *testing.T) {
	want := translateButane(t, bakeryButane)
	res, rep := genFixture(t, "../fixtures/bakery-docker-update", Options{})
	if rep.HasErrors() || len(rep) > 0 {
		t.Fatalf("fixture reports problems: %v", rep)
	}
	got := parseIgn(t, res.Ignition)
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
	d := &got.Systemd.Units[1].Dropins[0]
	renamed := strings.NewReplacer("/tmp/sysext-ign-docker.old", "/tmp/docker", "/tmp/sysext-ign-docker.new", "/tmp/docker-new").Replace(*d.Contents)
	d.Contents = &renamed
	if !reflect.DeepEqual(got, want) {
		a, _ := json.MarshalIndent(want, "", " ")
		b, _ := json.MarshalIndent(got, "", " ")
		t.Errorf("fixture differs from the bakery's config:\nbakery %s\nours   %s", a, b)
	}
}

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
