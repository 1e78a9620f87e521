package generator

// Lockable is one extension with gen's defaults applied, so lock pins exactly the image gen downloads.
type Lockable struct {
	Extension
	Arch    string // the systemd %a spelling in image names
	Image   string // NAME-VERSION-ARCH.raw, the file SHA256SUMS lists the written version under
	SumsURL string // the SHA256SUMS describing the image; "" when the extension has its own source and no update.source
	// UpdateDir is the local update source of an extension with its own source: a directory on the node, with no list to read.
	UpdateDir string
	Headers   []Header // the image's download headers, for fetching SumsURL from the same server
}

// LockPlan is what lock needs of a spec: its extensions, and the CAs its mirrors' https needs.
type LockPlan struct {
	Extensions []Lockable
	CA         []string // PEM text of the spec's ca: files
	Keyring    []byte   // the spec's update_keyring as binary OpenPGP public keys, to check signed lists
	Silenced   []Code   // the spec's ignore_warnings, which apply to lock's warnings too
}

// Lockables runs all of gen on a spec, so lock never edits a spec that gen would reject.
func Lockables(file string, src []byte, opts Options) (*LockPlan, Report) {
	_, spec, in, rep := generate(file, src, opts)
	if rep.HasErrors() {
		return nil, rep
	}
	plan := &LockPlan{Extensions: make([]Lockable, len(spec.Extensions)), CA: in.ca, Keyring: in.keyring, Silenced: spec.silenced()}
	for i, e := range spec.Extensions {
		plan.Extensions[i] = Lockable{Extension: e, Arch: spec.archOf(e), Image: spec.imageName(e), SumsURL: spec.sumsURL(e), Headers: spec.headersOf(e)}
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
