package generator

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
)

// TestUpdateActionRules covers action, restart, local update sources, update_timer and the field-fitting URL hints.
func TestUpdateActionRules(t *testing.T) {
	const ext = "extensions:\n  - name: a\n    version: '1'\n"
	tests := []struct {
		name, spec string
		want       []string
	}{
		{"refresh", ext + "    update: {action: refresh}\n", nil},
		{"none", ext + "    update: {action: none}\n", nil},
		{"reboot", ext + "    update: {action: reboot}\n", nil},
		{"restart implies refresh", ext + "    update: {restart: [consul.service, 'app@1.service', 'foo\\x2dbar.socket', '-.mount']}\n", nil},
		{"restart with refresh", ext + "    update: {action: refresh, restart: [a.service]}\n", nil},
		{"unknown action", ext + "    update: {action: restart}\n", []string{"s.yaml:4:22 unknown-value"}},
		{"restart with reboot", ext + "    update: {action: reboot, restart: [a.service]}\n", []string{"s.yaml:4:22 restart-needs-refresh"}},
		{"restart with none", ext + "    update: {action: none, restart: [a.service]}\n", []string{"s.yaml:4:22 restart-needs-refresh"}},
		{"restart not a list", ext + "    update: {restart: a.service}\n", []string{"s.yaml:4:23 wrong-type"}},
		{"unit without suffix", ext + "    update: {restart: [consul]}\n", []string{"s.yaml:4:24 unit-name-invalid"}},
		{"unit of a type that cannot restart", ext + "    update: {restart: [a.scope]}\n", []string{"s.yaml:4:24 unit-name-invalid"}},
		{"bare template", ext + "    update: {restart: ['a@.service']}\n", []string{"s.yaml:4:24 unit-name-invalid"}},
		{"unit with a space", ext + "    update: {restart: ['a b.service']}\n", []string{"s.yaml:4:24 unit-name-invalid"}},
		{"unit with a quote", ext + "    update: {restart: [\"a'b.service\"]}\n", []string{"s.yaml:4:24 unit-name-invalid"}},
		{"unit with a specifier", ext + "    update: {restart: ['a%i.service']}\n", []string{"s.yaml:4:24 unit-name-invalid"}},
		{"unit with a dollar", ext + "    update: {restart: ['$X.service']}\n", []string{"s.yaml:4:24 unit-name-invalid"}},
		{"unit too long", ext + "    update: {restart: [" + strings.Repeat("a", 248) + ".service]}\n", []string{"s.yaml:4:24 unit-name-invalid"}},
		{"restart the update service", ext + "    update: {restart: [systemd-sysupdate.service, systemd-sysupdate-update.service]}\n",
			[]string{"s.yaml:4:24 restart-sysupdate", "s.yaml:4:51 restart-sysupdate"}},
		{"restart the update timer", ext + "    update: {restart: [systemd-sysupdate.timer]}\n", nil},
		{"unit at the limit", ext + "    update: {restart: [" + strings.Repeat("a", 247) + ".service]}\n", nil},
		{"local source", ext + "    update: {source: /var/lib/sysext-updates/a}\n", nil},
		{"local source with a slash", ext + "    update: {source: /var/lib/sysext-updates/a/}\n", nil},
		{"local source is the target", ext + "    update: {source: /opt/extensions/a}\n", []string{"s.yaml:4:22 update-dir-is-target"}},
		{"local source is the target with a slash", ext + "    update: {source: /opt/extensions/a/}\n", []string{"s.yaml:4:22 update-dir-is-target"}},
		{"local source of another name", ext + "    update: {source: /opt/extensions/b}\n", []string{"s.yaml:4:22 update-dir-is-target"}},
		{"local source at the link", ext + "    update: {source: /etc/extensions/a.raw}\n", []string{"s.yaml:4:22 update-dir-is-target"}},
		{"local source in a transfer folder", ext + "    update: {source: /etc/sysupdate.a.d/x}\n", []string{"s.yaml:4:22 update-dir-is-target"}},
		{"local source in /usr", ext + "    update: {source: /usr/share/updates}\n", []string{"s.yaml:4:22 update-dir-is-target"}},
		{"local source beside a reserved name", ext + "    update: {source: /etc/extensions-staging}\n", nil},
		{"local source not clean", ext + "    update: {source: /var/lib/../x}\n", []string{"s.yaml:4:22 update-dir-invalid"}},
		{"local source double slash", ext + "    update: {source: //x}\n", []string{"s.yaml:4:22 update-dir-invalid"}},
		{"local source root", ext + "    update: {source: /}\n", []string{"s.yaml:4:22 update-dir-invalid"}},
		{"local source with a space", ext + "    update: {source: '/var/lib/a b'}\n", []string{"s.yaml:4:22 update-dir-invalid"}},
		{"local source for an own source", "extensions:\n  - {name: a, version: '1', source: 'https://h/a-1-x86-64.raw', update: {source: /srv/a}}\n", nil},
		{"local source needs no headers", ext + "    headers: {X-A: b}\n    update: {source: /srv/a}\n", nil},
		{"url source with headers warns", ext + "    headers: {X-A: b}\n    update: {source: 'https://h/a/'}\n", []string{"s.yaml:5:13 update-headers-dropped"}},
		{"relative update source", ext + "    update: {source: var/lib/a}\n", []string{"s.yaml:4:22 invalid-url"}},
		{"update_timer false", "update_timer: false\n" + ext + "    update: true\n", nil},
		{"update_timer true", "update_timer: true\n" + ext + "    update: true\n", nil},
		{"update_timer without updates", "update_timer: false\n" + ext, []string{"s.yaml:1:15 update-timer-unused"}},
		{"update_timer a string", "update_timer: 'no'\n" + ext + "    update: true\n", []string{"s.yaml:1:15 wrong-type"}},
		{"lint bare bakery url", "extensions:\n  - {name: wasmtime, source: 'https://extensions.flatcar.org/extensions/wasmtime.raw'}\n",
			[]string{"s.yaml:2:30 bakery-unversioned-url"}},
		{"lint versioned bakery url passes", "extensions:\n  - {name: wasmtime, source: 'https://extensions.flatcar.org/extensions/wasmtime-24.0.0-x86-64.raw'}\n", nil},
		{"lint bare url elsewhere passes", "extensions:\n  - {name: wasmtime, source: 'https://mirror.example/extensions/wasmtime.raw'}\n", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := diagnose(tt.spec, Options{})
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

// TestFolderSchemeHints gives each folder field the schemes its reader takes, never Ignition's list for images.
func TestFolderSchemeHints(t *testing.T) {
	for spec, want := range map[string]string{
		"bakery_url: mirror.example/ext\nextensions: [{name: a, version: '1'}]\n":           "bakery_url \"mirror.example/ext\" is not a folder Ignition and systemd-sysupdate can read: it has no scheme; bakery_url is a web folder",
		"bakery_url: 's3://b/ext'\nextensions: [{name: a, version: '1'}]\n":                 "scheme \"s3\" is not supported here; bakery_url is a web folder of NAME-VERSION-ARCH.raw images, so use an http or https URL",
		"bakery_url: 'ftp://h/ext'\nextensions: [{name: a, version: '1'}]\n":                "scheme \"ftp\" is not supported here; bakery_url",
		"extensions: [{name: a, version: '1', update: {source: 'ftp://h/a/'}}]\n":           "update source \"ftp://h/a/\" is not a folder systemd-sysupdate can read: scheme \"ftp\" is not supported here; systemd-sysupdate, not Ignition, reads update.source, so use an http or https folder URL, or an absolute local directory",
		"extensions: [{name: a, version: '1', update: {source: 'mirror.example/a/'}}]\n":    "it has no scheme; systemd-sysupdate, not Ignition, reads update.source",
		"extensions: [{name: a, version: '1', update: {source: 'https://u:secret@/a/'}}]\n": "it has no host",
	} {
		_, rep := Generate("s.yaml", []byte(spec), Options{})
		got := fmt.Sprint(rep)
		if !strings.Contains(got, want) || strings.Contains(got, "tftp, s3, gs or data") || strings.Contains(got, "secret") {
			t.Errorf("%s: got %s\nwant it to say %q", spec, got, want)
		}
	}
}

// TestDropinByAction proves each action writes its own command after a moved link, and none writes no state at all.
func TestDropinByAction(t *testing.T) {
	post := func(cmd string) string {
		return "ExecStartPost=/usr/bin/sh -c \"if ! cmp --silent /run/sysext-ign/a.old /run/sysext-ign/a.new; then " + cmd + "; fi\"\n"
	}
	for action, want := range map[string][]string{
		"reboot": {post("touch /run/reboot-required")},
		"refresh": {post("/usr/bin/systemctl reload-or-restart systemd-sysext.service") + post("/usr/bin/systemctl daemon-reload") +
			post("/usr/bin/systemctl restart -- 'x.service'") + post(`/usr/bin/systemctl restart -- 'y\\x2dz.service'`)},
		"none": {"[Service]\nExecStartPre=/usr/lib/systemd/systemd-sysupdate -C a update\n"},
	} {
		spec := "extensions:\n  - name: a\n    version: '1'\n    update: {action: " + action + "}\n"
		if action == "refresh" {
			spec = "extensions:\n  - name: a\n    version: '1'\n    update: {restart: [x.service, 'y\\x2dz.service']}\n"
		}
		dropin := dropinOf(t, spec)
		for _, w := range want {
			if !strings.Contains(dropin, w) {
				t.Errorf("%s: drop-in lacks %q:\n%s", action, w, dropin)
			}
		}
		if action == "none" && (strings.Contains(dropin, "ExecStartPost") || strings.Contains(dropin, "/run/")) {
			t.Errorf("none writes more than the update:\n%s", dropin)
		}
	}
}

// dropinOf generates spec and returns the one systemd-sysupdate.service drop-in of its Ignition.
func dropinOf(t *testing.T, spec string) string {
	t.Helper()
	res, rep := Generate("s.yaml", []byte(spec), Options{})
	if rep.HasErrors() {
		t.Fatal(rep)
	}
	var ign struct {
		Systemd struct {
			Units []struct {
				Name    string
				Dropins []struct{ Contents string }
			}
		}
	}
	if err := json.Unmarshal(res.Ignition, &ign); err != nil {
		t.Fatal(err)
	}
	for _, u := range ign.Systemd.Units {
		if u.Name == "systemd-sysupdate.service" && len(u.Dropins) == 1 {
			return u.Dropins[0].Contents
		}
	}
	t.Fatalf("no single drop-in in %s", res.Ignition)
	return ""
}

// TestNotifySocketMasked keeps 262's notify socket masked exactly when some update waits for a reboot, since with it
// active systemd-sysext would merge that update at once.
func TestNotifySocketMasked(t *testing.T) {
	ext := func(name, update string) string {
		return "  - name: " + name + "\n    version: '1'\n    update: " + update + "\n"
	}
	for _, c := range []struct {
		name, spec string
		masked     bool
	}{
		{"reboot", ext("a", "true"), true},
		{"none", ext("a", "{action: none}"), true},
		{"refresh", ext("a", "{action: refresh}"), false},
		{"restart", ext("a", "{restart: [x.service]}"), false},
		{"refresh beside none", ext("a", "{action: refresh}") + ext("b", "{action: none}"), true},
		{"no update", "  - name: a\n    version: '1'\n", false},
	} {
		res, rep := Generate("s.yaml", []byte("extensions:\n"+c.spec), Options{})
		if rep.HasErrors() {
			t.Fatalf("%s: %v", c.name, rep)
		}
		var ign struct {
			Systemd struct {
				Units []struct {
					Name string
					Mask *bool
				}
			}
		}
		if err := json.Unmarshal(res.Ignition, &ign); err != nil {
			t.Fatal(err)
		}
		masked := false
		for _, u := range ign.Systemd.Units {
			masked = masked || u.Name == "systemd-sysupdate-notify-sysext.socket" && u.Mask != nil && *u.Mask
		}
		if masked != c.masked {
			t.Errorf("%s: notify socket masked %v, want %v", c.name, masked, c.masked)
		}
	}
}
