package generator

import "github.com/ProtonMail/go-crypto/openpgp"

// Latest is the version that names no image until lock resolves it to the newest one in the list.
const Latest = "latest"

// Lockable is one extension with gen's defaults applied, so lock pins and checks exactly what gen writes.
type Lockable struct {
	Extension
	Arch     string   // the systemd %a spelling in image names
	Image    string   // NAME-VERSION-ARCH.raw, the file SHA256SUMS lists the written version under
	ImageURL string   // where Ignition downloads the image at first boot
	Headers  []Header // the headers Ignition sends with ImageURL
	SumsURL  string   // the SHA256SUMS listing the image's hash; "" when the extension has its own source and no update.source
	ListURL  string   // the SHA256SUMS systemd-sysupdate reads for updates; "" without update, or with a local update source
	// UpdateDir is the local update source of an extension with its own source: a directory on the node, with no list to read.
	UpdateDir string
}

// LockPlan is what lock needs of a spec: its extensions, and the CAs its mirrors' https needs.
type LockPlan struct {
	Extensions []Lockable
	CA         []string           // PEM text of the spec's ca: files
	Keyring    openpgp.EntityList // the spec's update_keyring as gen parsed it, to check signed lists
	Silenced   []Code             // the spec's ignore_warnings, which apply to lock's warnings too
}

// Lockables runs all of gen on a spec that lock is about to pin, letting through only version: latest, which lock resolves.
func Lockables(file string, src []byte, opts Options) (*LockPlan, Report) {
	return plan(file, src, opts, msgLatestUnresolved.code)
}

// Locked runs all of gen, unchanged, on a spec lock has pinned or is checking, so lock writes nothing gen would reject.
func Locked(file string, src []byte, opts Options) (*LockPlan, Report) {
	return plan(file, src, opts, "")
}

func plan(file string, src []byte, opts Options, allow Code) (*LockPlan, Report) {
	_, spec, in, rep := generate(file, src, opts, allow)
	if rep.HasErrors() {
		return nil, rep
	}
	plan := &LockPlan{Extensions: make([]Lockable, len(spec.Extensions)), CA: in.ca, Silenced: spec.silenced()}
	if in.keyring != nil {
		plan.Keyring = in.keyring.entities
	}
	for i, e := range spec.Extensions {
		plan.Extensions[i] = Lockable{Extension: e, Arch: spec.archOf(e), Image: spec.imageName(e), ImageURL: spec.sourceOf(e),
			Headers: spec.headersOf(e), SumsURL: spec.sumsURL(e), ListURL: spec.listURL(e)}
		if e.Source.IsSet() && e.Update != nil && localSource(e.Update.Source.Value) {
			plan.Extensions[i].UpdateDir = e.Update.Source.Value
		}
	}
	return plan, rep
}

// sumsURL is the checksum list beside the image: the bakery's folder for bakery images, else update.source.
func (s *Spec) sumsURL(e Extension) string {
	switch {
	case !e.Source.IsSet():
		return s.bakeryURL() + "/" + e.Name.Value + "/SHA256SUMS"
	case e.Update != nil && e.Update.Source.IsSet() && !localSource(e.Update.Source.Value):
		return s.updateSource(e) + "SHA256SUMS"
	}
	return ""
}

// listURL is the list systemd-sysupdate downloads from the transfer file's Path=, or "" when it reads none.
func (s *Spec) listURL(e Extension) string {
	if e.Update == nil || localSource(s.updateSource(e)) {
		return ""
	}
	return s.updateSource(e) + "SHA256SUMS"
}
