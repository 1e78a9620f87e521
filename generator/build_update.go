package generator

import (
	"strings"

	"github.com/sysext-ign/sysext-ign/templates"
	"gopkg.in/yaml.v3"
)

// updating places an extension in the bakery's systemd-sysupdate layout, so that sysupdate can replace the image Ignition wrote.
func (doc *document) updating(s *Spec, e Extension) {
	name := e.Name.Value
	dir := extensionsDir + name
	image := dir + "/" + s.imageName(e)
	link := "/etc/extensions/" + name + ".raw"
	img := mapNode(strNode("path"), strNode(image), strNode("mode"), modeNode("0644"))
	pair(img, "contents", resource(s.sourceOf(e), e.Hash, s.headersOf(e)))
	doc.files = append(doc.files, img)
	doc.links = append(doc.links, mapNode(
		strNode("path"), strNode(link),
		strNode("target"), strNode(image),
		strNode("hard"), boolNode(false)))
	base, pattern := name, name+"-@v-%a.raw"
	if series := e.Update.Series.Value; series != "" {
		base, pattern = name+"-"+series, name+"-"+series+".@v-%a.raw"
	}
	source := s.updateSource(e)
	local := localSource(source)
	if local {
		doc.directory(source)
	}
	// The transfer file's CurrentSymlink and the link Ignition writes come from the same value, so they cannot disagree.
	transfer := templates.TransferFile(templates.Transfer{Source: source, Local: local, Pattern: pattern, Dir: dir, Link: link, Verify: e.Update.Verify.Value})
	doc.transfer("/etc/sysupdate."+name+".d/"+base, transfer)
	doc.dropins = append(doc.dropins, dropin(name+".conf", templates.DropinFile(templates.Dropin{
		Name: name, Link: link, Action: e.Update.action(), Restart: values(e.Update.Restart)})))
}

// directory creates a local update source once, however many extensions read from it: without it
// systemd-sysupdate -C NAME update fails, and with it the whole service, on every run.
func (doc *document) directory(path string) {
	for _, d := range doc.dirs {
		if d.Content[1].Value == path {
			return
		}
	}
	doc.dirs = append(doc.dirs, mapNode(strNode("path"), strNode(path), strNode("mode"), modeNode("0755")))
}

func values(items []Str) []string {
	out := make([]string, len(items))
	for i, it := range items {
		out[i] = it.Value
	}
	return out
}

// transferSuffixes are the names one transfer file is written under: systemd 257 and later read only
// .transfer files when there are any (and warn about .conf ones), while 254 and 255 read only .conf.
var transferSuffixes = []string{".transfer", ".conf"}

// transfer writes the same transfer definition under every name some systemd-sysupdate reads.
func (doc *document) transfer(base, contents string) {
	for _, suffix := range transferSuffixes {
		doc.files = append(doc.files, inlineFile(base+suffix, contents))
	}
}

// sysupdate adds what every config with updates needs once, the noop transfer and the timer, however many extensions update.
func (doc *document) sysupdate(timer, staged bool) {
	if len(doc.dropins) == 0 {
		return
	}
	doc.transfer("/etc/sysupdate.d/noop", templates.NoopFile())
	// Both of the timer's names, because from 262 on systemd-sysupdate.timer is an alias that a preset does not enable.
	for _, name := range updateTimers {
		if timer {
			doc.units = append(doc.units, mapNode(strNode("name"), strNode(name), strNode("enabled"), boolNode(true)))
		} else {
			// update_timer: false masks both: Flatcar enables the timer by a wants link in /usr, which a disabling
			// preset leaves in place, so only a mask keeps it from starting.
			doc.units = append(doc.units, mapNode(strNode("name"), strNode(name), strNode("mask"), boolNode(true)))
		}
	}
	if staged {
		// When some update waits for a reboot, 262's notify socket is masked, or it would merge every install at once.
		doc.units = append(doc.units, mapNode(strNode("name"), strNode(notifySysextSocket), strNode("mask"), boolNode(true)))
	}
	doc.units = append(doc.units, mapNode(strNode("name"), strNode("systemd-sysupdate.service"), strNode("dropins"), seqNode(doc.dropins)))
}

// updateSource is the folder sysupdate polls, ending in / as the bakery's do, or a local directory without one.
func (s *Spec) updateSource(e Extension) string {
	src := s.bakeryURL() + "/" + e.Name.Value + "/"
	if e.Update.Source.IsSet() {
		src = e.Update.Source.Value
	}
	if localSource(src) {
		return strings.TrimSuffix(src, "/")
	}
	if !strings.HasSuffix(src, "/") {
		src += "/"
	}
	return src
}

func inlineFile(path, contents string) *yaml.Node {
	return mapNode(strNode("path"), strNode(path), strNode("contents"), mapNode(strNode("inline"), strNode(contents)))
}

func dropin(name, contents string) *yaml.Node {
	return mapNode(strNode("name"), strNode(name), strNode("contents"), strNode(contents))
}
