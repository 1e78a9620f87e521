// Package templates holds the text files sysext-ign writes onto the node, parsed once, when the first is rendered.
package templates

import (
	"embed"
	"strings"
	"text/template"

	"github.com/sysext-ign/sysext-ign/internal/lazy"
)

//go:embed *.tmpl
var files embed.FS

// set is parsed on first use, so a run that renders no file, such as version or schema, does not parse it.
var set = lazy.Value[*template.Template]{New: func() *template.Template {
	return template.Must(template.New("").Option("missingkey=error").Funcs(template.FuncMap{
		"specifier": escapeSpecifiers,
		"unitword":  unitWord,
	}).ParseFS(files, "*.tmpl"))
}}

// Transfer is what differs between extensions' systemd-sysupdate transfer files, so the text itself stays in the template.
type Transfer struct {
	Source  string // folder URL holding SHA256SUMS and the images, or a local directory of images
	Local   bool   // Source is a directory on the node, read as regular files
	Pattern string // MatchPattern, such as docker-@v-%a.raw
	Dir     string // where images are kept on the node
	Link    string // the /etc/extensions link that sysupdate moves
	Verify  bool   // sysupdate checks SHA256SUMS.gpg against the node's keyring
}

// Dropin is what differs between extensions' systemd-sysupdate.service drop-ins, so the text itself stays in the template.
type Dropin struct {
	Name    string   // the sysupdate component, also used for the state files
	Link    string   // the /etc/extensions link whose move is watched
	Action  string   // what follows a moved link: reboot, refresh or none
	Restart []string // units restarted in order after a refresh, already checked as unit names
}

// Enabled names the official Flatcar extensions that /etc/flatcar/enabled-sysext.conf makes Flatcar download at boot.
type Enabled struct {
	Names      []string
	MinRelease string // oldest Flatcar release that has them all, if known
}

// TransferFile renders the transfer file for /etc/sysupdate.NAME.d/, naming the pattern on both sides because 257 and later warn when the target lacks it.
func TransferFile(t Transfer) string { return render("transfer.conf.tmpl", t) }

// DropinFile renders the systemd-sysupdate.service drop-in that follows an extension's update with its action.
func DropinFile(d Dropin) string { return render("dropin.conf.tmpl", d) }

// NoopFile renders /etc/sysupdate.d/noop, without which sysupdate finds no transfers and fails.
func NoopFile() string { return render("noop.conf.tmpl", nil) }

// EnabledFile renders /etc/flatcar/enabled-sysext.conf, which Flatcar reads to download the official extensions.
func EnabledFile(e Enabled) string { return render("enabled-sysext.conf.tmpl", e) }

// render panics only on a broken template, which the package's tests would catch first.
func render(name string, data any) string {
	var b strings.Builder
	if err := set.Get().ExecuteTemplate(&b, name, data); err != nil {
		panic("sysext-ign: template " + name + ": " + err.Error())
	}
	return b.String()
}

// unitWord quotes a checked unit name for sh inside a double-quoted ExecStart= word: systemd first undoes C escapes
// and %% there, so a unit name's backslash (foo\x2dbar.service) is doubled for systemd and reaches sh in single quotes.
func unitWord(name string) string {
	return "'" + escapeSpecifiers(strings.ReplaceAll(name, `\`, `\\`)) + "'"
}

// escapeSpecifiers doubles %, which systemd would otherwise expand in Path= (a URL may hold %20).
func escapeSpecifiers(s string) string { return strings.ReplaceAll(s, "%", "%%") }
