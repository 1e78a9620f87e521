package generator

import "slices"

// Pos is a 1-based line and column in the spec, kept so every check can point at its source.
type Pos struct{ Line, Col int }

// Str is a scalar with the position it was read from.
type Str struct {
	Value string
	Pos   Pos
	Bad   bool // written with the wrong type, already reported
}

// IsSet tells a key that was written apart from one that was left out.
func (s Str) IsSet() bool { return s.Pos.Line > 0 }

// usable tells whether value checks apply: the key was written with the right type.
func (s Str) usable() bool { return s.IsSet() && !s.Bad }

// misspelt holds the keys that an unknown key of the same mapping was probably meant to be: the typo is reported
// where it is written, and the checks do not report its consequence, the key's absence, as well.
type misspelt []string

func (m *misspelt) misspell(key string) { *m = append(*m, key) }

// meant tells whether one of keys was written, though misspelt.
func (m misspelt) meant(keys ...string) bool {
	for _, k := range keys {
		if slices.Contains(m, k) {
			return true
		}
	}
	return false
}

// Spec is the decoded spec file; checks and the Butane builder read it, nothing else does.
type Spec struct {
	misspelt
	Pos           Pos
	ButaneVersion Str
	Arch          Str
	BakeryURL     Str
	DisableMethod Str
	Disable       []Str
	Extensions    []Extension
	Official      []Official // flatcar_extensions
	Headers       []Header   // sent with every http(s) image download
	CA            []Str      // PEM files, relative to the spec
	Include       []Str      // Butane files merged into the output, relative to the spec
	Keyring       Str        // update_keyring: OpenPGP public keys that verify signed update sources, relative to the spec
	Ignore        []Str      // ignore_warnings: codes of warnings not to report for this spec
	UpdateTimer   Bool       // update_timer: false masks the sysupdate timer
}

// silenced lists the codes ignore_warnings names.
func (s *Spec) silenced() []Code {
	codes := make([]Code, len(s.Ignore))
	for i, c := range s.Ignore {
		codes[i] = Code(c.Value)
	}
	return codes
}

// Official is one flatcar_extensions item: a name, or a mapping of a name and the release that first ships it.
type Official struct {
	misspelt
	Pos   Pos
	Name  Str
	Since Str // set only in the mapping form
}

// Extension is one sysext image the node should carry.
type Extension struct {
	misspelt
	Pos     Pos
	Name    Str
	Source  Str
	Version Str
	Arch    Str
	Hash    Str
	Headers []Header
	Update  *Update // nil: the image is placed once and never updated
}

// Update asks systemd-sysupdate to keep an extension current.
type Update struct {
	misspelt
	Pos     Pos
	Series  Str   // track only versions starting with this prefix
	Source  Str   // folder URL holding SHA256SUMS and the images, or a local directory of images
	Action  Str   // what follows a moved link: reboot, refresh or none
	Restart []Str // units restarted, in order, after a refresh
	Verify  Bool  // sysupdate checks SHA256SUMS.gpg against the keyring
}

// Header is an HTTP header sent with a download; its value is a secret.
type Header struct {
	Name  Str
	Value Str
}
