package generator

import (
	"crypto/x509"
	"encoding/pem"
	"errors"
	"io/fs"
	"path/filepath"

	"github.com/sysext-ign/sysext-ign/safefile"
)

// assets are the files a spec names, read through Options.ReadFile so the library does no I/O of its own.
type assets struct {
	ca       []string
	includes []included
	keyring  *keyring // update_keyring as read; nil without one
}

// Bounds on the CA, include and keyring files of one spec together, so the work they cause stays bounded too:
// each included file is parsed and decoded on its own, so their number counts as well as their size.
const (
	MaxFiles      = 100
	MaxFilesBytes = 1 << 20
)

// files tracks what a spec's file lists have read: each file once, and all of them within MaxFilesBytes.
type files struct {
	opts    Options
	listed  map[string]Pos // resolved name to where it is first listed
	total   int
	entries int  // entries of the includes read so far
	full    bool // a bound was reached; nothing more is read
}

// loader reads the files a spec names and checks each on its own, reporting at the list item that names it.
type loader struct{ *reporter }

// load is the third step of generation: the checked spec in, the CA text and the included Butane trees out.
func load(r *reporter, s *Spec, opts Options) *assets {
	d := loader{r}
	a := &assets{}
	listed := append(append([]Str{}, s.CA...), s.Include...)
	if s.Keyring.usable() {
		listed = append(listed, s.Keyring)
	}
	if n := len(listed); n > MaxFiles {
		at := listed[MaxFiles]
		d.add(at.Pos, msgTooManyFiles(n))
		return a
	}
	fl := &files{opts: opts, listed: map[string]Pos{}}
	seen := map[string]string{}
	for _, p := range s.CA {
		pemText, ok := d.readCA(p, fl)
		if first, dup := seen[pemText]; ok && dup {
			d.add(p.Pos, msgCAAgain(p.Value, first))
		} else if ok {
			seen[pemText] = p.Value
			a.ca = append(a.ca, pemText)
		}
	}
	for _, p := range s.Include {
		if inc, ok := d.readInclude(p, s.butaneVersion(), fl); ok {
			a.includes = append(a.includes, inc)
		}
	}
	if s.Keyring.usable() {
		a.keyring = d.readKeyring(s.Keyring, fl)
	}
	return a
}

// relativeTo resolves a path written in the spec against the spec's own directory.
func relativeTo(specFile, p string) string {
	if filepath.IsAbs(p) {
		return p
	}
	return filepath.Join(filepath.Dir(specFile), p)
}

// read reads one listed file, refusing a file listed before and any file once the total bound is reached.
func (d loader) read(p Str, what string, fl *files) ([]byte, string, bool) {
	name := filepath.Clean(relativeTo(d.file, p.Value))
	if first, dup := fl.listed[name]; dup {
		d.add(p.Pos, msgListedTwice(what, p.Value, first.Line))
		return nil, name, false
	}
	fl.listed[name] = p.Pos
	switch {
	case fl.opts.ReadFile == nil:
		d.add(p.Pos, msgCannotRead(what, p.Value, readWhyNoFiles))
		return nil, name, false
	case fl.full:
		return nil, name, false
	}
	b, err := fl.opts.ReadFile(name)
	if err != nil && !errors.Is(err, safefile.ErrTooLarge) {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		d.add(p.Pos, msgCannotRead(what, p.Value, err.Error()))
		return nil, name, false
	}
	if err != nil || len(b) > MaxSpecBytes {
		d.add(p.Pos, msgCannotRead(what, p.Value, readWhyTooLarge))
		return nil, name, false
	}
	if fl.total += len(b); fl.total > MaxFilesBytes {
		fl.full = true
		d.add(p.Pos, msgCannotRead(what, p.Value, readWhyTotal))
		return nil, name, false
	}
	return b, name, true
}

// readCA accepts only files of PEM certificates, so a key or a DER file is caught before boot.
func (d loader) readCA(p Str, fl *files) (string, bool) {
	b, _, ok := d.read(p, "CA file", fl)
	if !ok {
		return "", false
	}
	rest, found := b, false
	for {
		var block *pem.Block
		block, rest = pem.Decode(rest)
		if block == nil {
			break
		}
		if _, err := x509.ParseCertificate(block.Bytes); block.Type != "CERTIFICATE" || err != nil {
			d.add(p.Pos, msgCANotPEM(p.Value))
			return "", false
		}
		found = true
	}
	if !found {
		d.add(p.Pos, msgCANotPEM(p.Value))
		return "", false
	}
	return string(b), true
}
