package e2e

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// sysupdateWarnings are what systemd-sysupdate prints when it skips or
// second-guesses part of a transfer file; a node would then silently never
// update, or log a warning on every run.
var sysupdateWarnings = []string{
	"should have the '.transfer' extension", // 257 and later, reading .conf files
	"No transfer definitions",               // 254, finding only .transfer files
	"lacks MatchPattern",                    // 257 and later, a target without a pattern
	"Unknown key",
	"ignoring",
}

// sysupdate runs build's systemd-sysupdate on root and reports any warning
// or failure as an error.
func sysupdate(t *testing.T, b systemdBuild, root string, args ...string) result {
	t.Helper()
	r := runCmd(t, b.sysupdateCommand(t, root, args...))
	sysupdateWarned(t, b, args, r)
	if r.err != nil {
		t.Errorf("systemd-sysupdate %s %v failed: %v", b.version, args, r.err)
	}
	return r
}

// sysupdateWarned reports each line of sysupdate's output that holds one of sysupdateWarnings.
func sysupdateWarned(t *testing.T, b systemdBuild, args []string, r result) {
	t.Helper()
	for _, l := range strings.Split(r.combined(), "\n") {
		for _, w := range sysupdateWarnings {
			if strings.Contains(strings.ToLower(l), strings.ToLower(w)) {
				t.Errorf("systemd-sysupdate %s %v warned: %s", b.version, args, l)
			}
		}
	}
}

// publish serves a bakery folder: the images plus the SHA256SUMS that
// systemd-sysupdate reads to find versions.
func publish(srv *blobServer, dir string, images map[string][]byte) {
	var sums strings.Builder
	names := make([]string, 0, len(images))
	for n := range images {
		names = append(names, n)
	}
	slices.Sort(names)
	for _, n := range names {
		sum := sha256.Sum256(images[n])
		fmt.Fprintf(&sums, "%s  %s\n", hex.EncodeToString(sum[:]), n)
		srv.put(dir+n, images[n])
	}
	srv.put(dir+"SHA256SUMS", []byte(sums.String()))
}

// offer makes images available to e's updates: published with SHA256SUMS (signed by key where e verifies) in its update folder on srv, or dropped into
// its local update directory in root, as other means would on the node.
func offer(t *testing.T, srv *blobServer, root string, s spec, e extension, images map[string][]byte, key *gpgSigner) {
	t.Helper()
	if !e.Update.local() {
		publishFor(t, srv, strings.TrimPrefix(updateSource(s, e), srv.URL), e, images, key)
		return
	}
	for n, b := range images {
		if err := os.WriteFile(filepath.Join(root, updateSource(s, e), n), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// exists tells whether p is present inside root.
func exists(root, p string) bool {
	_, err := os.Lstat(filepath.Join(root, p))
	return err == nil
}

// wantRow checks that `list` printed a row naming version with assessment.
func wantRow(t *testing.T, list, version, assessment string) {
	t.Helper()
	for _, l := range strings.Split(list, "\n") {
		if slices.Contains(strings.Fields(l), version) && strings.Contains(l, assessment) {
			return
		}
	}
	t.Errorf("systemd-sysupdate list shows no %s row for %s:\n%s", assessment, version, list)
}

// TestSysupdate checks that real systemd-sysupdate 254, 257 and 262 accept
// the transfer files Ignition wrote without a warning and move the extension
// link to a newer bakery image. With --root, sysupdate turns the old image
// into a link to the new one, so the checks follow links to where they end.
func TestSysupdate(t *testing.T) {
	inPart(t, "sysupdate")
	for _, b := range systemdBuilds(t) {
		t.Run("systemd "+b.version, func(t *testing.T) { sysupdateChecks(t, b) })
	}
}

// sysupdateChecks runs every sysupdate check on one build.
func sysupdateChecks(t *testing.T, b systemdBuild) {
	t.Run("update true follows the bakery folder", func(t *testing.T) {
		srv := newBlobServer(t)
		old, next := fakeImage("docker", "28.0.4"), fakeImage("docker", "28.1.0")
		srv.put("/extensions/docker-28.0.4-x86-64.raw", old)
		publish(srv, "/extensions/docker/", map[string][]byte{
			"docker-28.0.4-x86-64.raw": old, "docker-28.1.0-x86-64.raw": next})
		s := spec{ButaneVersion: "1.0.0", Arch: "x86-64", BakeryURL: srv.URL + "/extensions", DisableMethod: "link",
			Disable:    []string{"docker-flatcar", "containerd-flatcar"},
			Extensions: []extension{{Name: "docker", Version: "28.0.4", Update: &update{}}}}
		root := mustIgnite(t, gen(t, t.TempDir(), s), seedFlatcar(t))

		sysupdate(t, b, root, "list")
		list := sysupdate(t, b, root, "-C", "docker", "list").stdout
		wantRow(t, list, "28.0.4", "current")
		wantRow(t, list, "28.1.0", "candidate")
		sysupdate(t, b, root, "-C", "docker", "update")
		wantFile(t, root, "/opt/extensions/docker/docker-28.1.0-x86-64.raw", next, 0o644)
		wantResolves(t, root, "/etc/extensions/docker.raw", "/opt/extensions/docker/docker-28.1.0-x86-64.raw", next)
	})

	t.Run("k3s-style versions with a plus, from a folder whose URL holds %20", func(t *testing.T) {
		srv := newBlobServer(t)
		old, next := fakeImage("k3s", "v1.32.2+k3s1"), fakeImage("k3s", "v1.32.3+k3s1")
		srv.put("/extensions/k3s-v1.32.2+k3s1-x86-64.raw", old)
		publish(srv, "/my mirror/k3s/", map[string][]byte{
			"k3s-v1.32.2+k3s1-x86-64.raw": old, "k3s-v1.32.3+k3s1-x86-64.raw": next})
		s := spec{ButaneVersion: "1.0.0", Arch: "x86-64", BakeryURL: srv.URL + "/extensions", DisableMethod: "link",
			Extensions: []extension{{Name: "k3s", Version: "v1.32.2+k3s1",
				Update: &update{Source: srv.URL + "/my%20mirror/k3s"}}}}
		root := mustIgnite(t, gen(t, t.TempDir(), s), nil)

		wantRow(t, sysupdate(t, b, root, "-C", "k3s", "list").stdout, "v1.32.2+k3s1", "current")
		sysupdate(t, b, root, "-C", "k3s", "update")
		wantResolves(t, root, "/etc/extensions/k3s.raw", "/opt/extensions/k3s/k3s-v1.32.3+k3s1-x86-64.raw", next)
	})

	t.Run("series ignores versions outside it", func(t *testing.T) {
		srv := newBlobServer(t)
		v2, v3, v33 := fakeImage("kubernetes", "v1.32.2"), fakeImage("kubernetes", "v1.32.3"), fakeImage("kubernetes", "v1.33.0")
		srv.put("/extensions/kubernetes-v1.32.2-x86-64.raw", v2)
		publish(srv, "/mirror/kubernetes/", map[string][]byte{"kubernetes-v1.32.2-x86-64.raw": v2,
			"kubernetes-v1.32.3-x86-64.raw": v3, "kubernetes-v1.33.0-x86-64.raw": v33})
		s := spec{ButaneVersion: "1.0.0", Arch: "x86-64", BakeryURL: srv.URL + "/extensions", DisableMethod: "link",
			Extensions: []extension{{Name: "kubernetes", Version: "v1.32.2",
				Update: &update{Series: "v1.32", Source: srv.URL + "/mirror/kubernetes/"}}}}
		root := mustIgnite(t, gen(t, t.TempDir(), s), nil)

		list := sysupdate(t, b, root, "-C", "kubernetes", "list").stdout
		if strings.Contains(list, "1.33") {
			t.Errorf("the v1.32 series lists a v1.33 image:\n%s", list)
		}
		sysupdate(t, b, root, "-C", "kubernetes", "update")
		wantResolves(t, root, "/etc/extensions/kubernetes.raw", "/opt/extensions/kubernetes/kubernetes-v1.32.3-x86-64.raw", v3)
		wantAbsent(t, root, "/opt/extensions/kubernetes/kubernetes-v1.33.0-x86-64.raw")
		if n := srv.count("/mirror/kubernetes/kubernetes-v1.33.0-x86-64.raw"); n != 0 {
			t.Errorf("sysupdate fetched the v1.33 image %d times", n)
		}
	})

	if b.version == "262" {
		t.Run("the service's own --component-all updates our components", func(t *testing.T) { checkComponentAll(t, b) })
	}
	t.Run("noop alone and next to Flatcar's own noop", func(t *testing.T) { checkNoop(t, b) })
	t.Run("fixtures", func(t *testing.T) { checkFixtureUpdates(t, b) })
}

// flatcarNoop is the noop transfer Flatcar ships in /usr/lib/sysupdate.d,
// as .transfer from 4515 on and as .conf on LTS and Stable backports.
const flatcarNoop = "[Source]\nType=regular-file\nPath=/\nMatchPattern=invalid@v.raw\n[Target]\nType=regular-file\nPath=/\n"

// checkNoop runs sysupdate without a component, which reads only
// /etc/sysupdate.d: it must find our noop, and ours must replace Flatcar's
// same-named file, whose target lacks a pattern, rather than add to it.
func checkNoop(t *testing.T, b systemdBuild) {
	srv := newBlobServer(t)
	img := fakeImage("docker", "28.0.4")
	srv.put("/extensions/docker-28.0.4-x86-64.raw", img)
	s := spec{ButaneVersion: "1.0.0", Arch: "x86-64", BakeryURL: srv.URL + "/extensions", DisableMethod: "link",
		Extensions: []extension{{Name: "docker", Version: "28.0.4", Update: &update{}}}}
	config := gen(t, t.TempDir(), s)
	for _, flatcar := range []bool{false, true} {
		root := mustIgnite(t, config, func(root string) {
			if !flatcar {
				return
			}
			dir := filepath.Join(root, "usr/lib/sysupdate.d")
			for _, n := range []string{"noop.transfer", "noop.conf"} {
				if err := os.MkdirAll(dir, 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(filepath.Join(dir, n), []byte(flatcarNoop), 0o644); err != nil {
					t.Fatal(err)
				}
			}
		})
		sysupdate(t, b, root, "list")
		if out := sysupdate(t, b, root, "update").combined(); !strings.Contains(out, "No update needed") {
			t.Errorf("with Flatcar's noop %v, update without a component did not settle on no update:\n%s", flatcar, out)
		}
	}
}

// checkFixtureUpdates applies every fixture that has updates, publishes a
// newer image (and, for a series, one outside it) in each update source and
// lets sysupdate update each component.
func checkFixtureUpdates(t *testing.T, b systemdBuild) {
	for _, f := range updateFixtures(t) {
		t.Run(f.name, func(t *testing.T) {
			srv := newBlobServer(t)
			s := f.spec
			images := localize(srv, &s)
			dir := t.TempDir()
			copyCompanions(t, f.dir, dir)
			key := fixtureSigner(t, s, dir)
			root := mustIgnite(t, gen(t, dir, s), seedFlatcar(t))
			sysupdate(t, b, root, "list")
			for _, e := range s.Extensions {
				if e.Update == nil {
					continue
				}
				next := e
				next.Version = e.Version + ".1"
				folder := map[string][]byte{s.image(e): images[e.Name], s.image(next): fakeImage(e.Name, next.Version)}
				outside := e
				if e.Update.Series != "" {
					outside.Version = e.Update.Series + "0.0"
					folder[s.image(outside)] = fakeImage(e.Name, outside.Version)
				}
				path := strings.TrimPrefix(updateSource(s, e), srv.URL)
				offer(t, srv, root, s, e, folder, key)
				list := sysupdateAny(t, b, root, e.Update.Verify, "-C", e.Name, "list").stdout
				wantRow(t, list, strings.TrimPrefix(e.Version, e.Update.Series+"."), "current")
				sysupdateAny(t, b, root, e.Update.Verify, "-C", e.Name, "update")
				final := "/opt/extensions/" + e.Name + "/" + s.image(next)
				wantResolves(t, root, "/etc/extensions/"+e.Name+".raw", final, fakeImage(e.Name, next.Version))
				if e.Update.Series != "" && (srv.count(path+s.image(outside)) != 0 || exists(root, "/opt/extensions/"+e.Name+"/"+s.image(outside))) {
					t.Errorf("sysupdate fetched %s, outside series %s", s.image(outside), e.Update.Series)
				}
			}
		})
	}
}

// checkComponentAll runs what 262's systemd-sysupdate-update.service runs and
// expects it to move our link too, so that the drop-in's own update there
// only does first what the service would do anyway.
func checkComponentAll(t *testing.T, b systemdBuild) {
	srv := newBlobServer(t)
	old, next := fakeImage("docker", "28.0.4"), fakeImage("docker", "28.1.0")
	srv.put("/extensions/docker-28.0.4-x86-64.raw", old)
	publish(srv, "/extensions/docker/", map[string][]byte{"docker-28.0.4-x86-64.raw": old, "docker-28.1.0-x86-64.raw": next})
	s := spec{ButaneVersion: "1.0.0", Arch: "x86-64", BakeryURL: srv.URL + "/extensions", DisableMethod: "link",
		Extensions: []extension{{Name: "docker", Version: "28.0.4", Update: &update{}}}}
	root := mustIgnite(t, gen(t, t.TempDir(), s), nil)
	sysupdate(t, b, root, "update", "--component-all", "--cleanup=yes")
	wantResolves(t, root, "/etc/extensions/docker.raw", "/opt/extensions/docker/docker-28.1.0-x86-64.raw", next)
}
