package e2e

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// checkTree asserts what the spec format promises on a tree Ignition wrote,
// independently of how the product spells its Butane; images maps each
// extension name to the bytes the test served for it.
func checkTree(t *testing.T, root string, s spec, images map[string][]byte) {
	t.Helper()
	updating := false
	for _, e := range s.Extensions {
		if e.Update == nil {
			wantFile(t, root, "/etc/extensions/"+e.Name+".raw", images[e.Name], 0o644)
			continue
		}
		updating = true
		checkUpdate(t, root, s, e, images[e.Name])
	}
	if updating {
		wantTransfer(t, root, "/etc/sysupdate.d/noop", map[string]map[string]string{
			"Source": {"Type": "regular-file", "Path": "/", "MatchPattern": "invalid@v.raw"},
			"Target": {"Type": "regular-file", "Path": "/", "MatchPattern": "invalid@v.raw"},
		})
		checkTimer(t, root, s)
	}
	checkDisabled(t, root, s)
	checkFlatcar(t, root, s)
}

// checkUpdate asserts the bakery's documented sysupdate layout for e.
func checkUpdate(t *testing.T, root string, s spec, e extension, image []byte) {
	t.Helper()
	dir := "/opt/extensions/" + e.Name
	link := "/etc/extensions/" + e.Name + ".raw"
	wantFile(t, root, dir+"/"+s.image(e), image, 0o644)
	wantLink(t, root, link, dir+"/"+s.image(e))

	base, pattern := e.Name, e.Name+"-@v-%a.raw"
	if e.Update.Series != "" {
		base = e.Name + "-" + e.Update.Series
		pattern = e.Name + "-" + e.Update.Series + ".@v-%a.raw"
	}
	source := strings.ReplaceAll(updateSource(s, e), "%", "%%") // systemd expands % specifiers in Path=
	sourceType := "url-file"
	if e.Update.local() {
		sourceType = "regular-file"
		wantDir(t, root, updateSource(s, e))
	}
	wantTransfer(t, root, "/etc/sysupdate."+e.Name+".d/"+base, map[string]map[string]string{
		"Source": {"Type": sourceType, "Path": source, "MatchPattern": pattern},
		"Target": {"InstancesMax": "3", "Type": "regular-file", "Path": dir, "MatchPattern": pattern, "CurrentSymlink": link},
	})

	checkDropin(t, root, e, link)
}

// checkDropin asserts the drop-in's commands for e's action: the state files around the update and the steps after a
// moved link, each on a line of its own, or for none the update alone.
func checkDropin(t *testing.T, root string, e extension, link string) {
	t.Helper()
	dropin := parseINI(readFile(t, root, "/etc/systemd/system/systemd-sysupdate.service.d/"+e.Name+".conf"))
	pre := strings.Join(dropin["Service"]["ExecStartPre"], "\n")
	post := strings.Join(dropin["Service"]["ExecStartPost"], "\n")
	update := "/usr/lib/systemd/systemd-sysupdate -C " + e.Name + " update"
	if e.Update.action() == "none" {
		if pre != update || post != "" {
			t.Errorf("drop-in %s.conf with action none runs more than %q:\n%s\n%s", e.Name, update, pre, post)
		}
		return
	}
	for _, want := range []string{"mkdir -p -m 0700 /run/sysext-ign", "readlink --canonicalize " + link + " > /run/sysext-ign/" + e.Name + ".old", update} {
		if !strings.Contains(pre, want) {
			t.Errorf("drop-in %s.conf: no ExecStartPre with %q; have:\n%s", e.Name, want, pre)
		}
	}
	// Each step after a moved link has a line of its own, in order: refresh, reload systemd, then each restart; or the
	// reboot flag.
	steps := []string{"then touch /run/reboot-required; fi"}
	if e.Update.action() == "refresh" {
		steps = []string{"then /usr/bin/systemctl reload-or-restart systemd-sysext.service; fi", "then /usr/bin/systemctl daemon-reload; fi"}
		for _, u := range e.Update.Restart {
			steps = append(steps, "then /usr/bin/systemctl restart -- '"+strings.ReplaceAll(u, `\`, `\\`)+"'; fi")
		}
	}
	lines := dropin["Service"]["ExecStartPost"]
	if len(lines) == 0 || !strings.Contains(lines[0], "readlink --canonicalize "+link+" > /run/sysext-ign/"+e.Name+".new") {
		t.Errorf("drop-in %s.conf: the first ExecStartPost does not record the new target; have:\n%s", e.Name, post)
		return
	}
	if len(lines)-1 != len(steps) {
		t.Errorf("drop-in %s.conf: %d ExecStartPost lines after the first, want %d; have:\n%s", e.Name, len(lines)-1, len(steps), post)
		return
	}
	for i, step := range steps {
		if !strings.HasSuffix(lines[i+1], step+`"`) || !strings.Contains(lines[i+1], "cmp --silent /run/sysext-ign/"+e.Name+".old /run/sysext-ign/"+e.Name+".new") {
			t.Errorf("drop-in %s.conf: ExecStartPost %d is %q, want it to end %q after comparing the targets", e.Name, i+2, lines[i+1], step)
		}
	}
}

// timerOff tells whether the spec leaves the sysupdate timer off.
func timerOff(s spec) bool { return s.UpdateTimer != nil && !*s.UpdateTimer }

// checkTimer asserts the timer under both of its names: enabled by Ignition's preset, or masked with update_timer: false.
func checkTimer(t *testing.T, root string, s spec) {
	t.Helper()
	b, _ := os.ReadFile(filepath.Join(root, "etc/systemd/system-preset/20-ignition.preset")) // none when every timer name is masked
	preset := string(b)
	for _, timer := range []string{"systemd-sysupdate.timer", "systemd-sysupdate-update.timer"} {
		enabled := slices.Contains(strings.Split(preset, "\n"), "enable "+timer)
		if timerOff(s) {
			wantLink(t, root, "/etc/systemd/system/"+timer, "/dev/null")
			if enabled {
				t.Errorf("%s is enabled despite update_timer: false; Ignition's preset file:\n%s", timer, preset)
			}
		} else if !enabled {
			t.Errorf("%s is not enabled; Ignition's preset file:\n%s", timer, preset)
		}
	}
}

// updateSource is the folder the spec tells sysupdate to poll for e.
func updateSource(s spec, e extension) string {
	source := e.Update.Source
	if e.Update.local() {
		return strings.TrimSuffix(source, "/")
	}
	if source == "" {
		source = strings.TrimSuffix(s.BakeryURL, "/") + "/" + e.Name
	}
	if !strings.HasSuffix(source, "/") { // a folder, as the bakery's are
		source += "/"
	}
	return source
}

// wantTransfer checks that base.transfer, which systemd 257 and later read, and base.conf, which 254 and 255 read,
// are the same file with every listed setting.
func wantTransfer(t *testing.T, root, base string, want map[string]map[string]string) {
	t.Helper()
	wantINI(t, root, base+".transfer", want)
	if a, b := readFile(t, root, base+".transfer"), readFile(t, root, base+".conf"); a != b {
		t.Errorf("%s.transfer and %s.conf differ:\n%s\n---\n%s", base, base, a, b)
	}
}

// checkDisabled asserts that each built-in listed in disable is masked the
// way disable_method says.
func checkDisabled(t *testing.T, root string, s spec) {
	t.Helper()
	for _, d := range s.Disable {
		switch {
		case d == "torcx-generator":
			wantFile(t, root, "/etc/systemd/system-generators/torcx-generator", nil, 0)
		case s.DisableMethod == "directory":
			wantDir(t, root, "/etc/extensions/"+d)
		default:
			wantLink(t, root, "/etc/extensions/"+d+".raw", "/dev/null")
		}
	}
}

// checkFlatcar asserts that enabled-sysext.conf names exactly the official
// extensions the spec opts into, in order.
func checkFlatcar(t *testing.T, root string, s spec) {
	t.Helper()
	if len(s.FlatcarExtensions) == 0 {
		return
	}
	var names []string
	for _, l := range strings.Split(readFile(t, root, "/etc/flatcar/enabled-sysext.conf"), "\n") {
		if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "#") {
			names = append(names, l)
		}
	}
	if !slices.Equal(names, s.FlatcarExtensions) {
		t.Errorf("enabled-sysext.conf names %q, want %q", names, s.FlatcarExtensions)
	}
}
