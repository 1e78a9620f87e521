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
}

// load reads the CA and include files, reporting each problem at the list item that names the file.
func (d *decoder) load(s *Spec, opts Options) *assets {
	a := &assets{}
	seen := map[string]string{}
	for _, p := range s.CA {
		pemText, ok := d.readCA(p, opts)
		if first, dup := seen[pemText]; ok && dup {
			d.add(Error, p.Pos, msgCAAgain(p.Value, first))
		} else if ok {
			seen[pemText] = p.Value
			a.ca = append(a.ca, pemText)
		}
	}
	for _, p := range s.Include {
		if inc, ok := d.readInclude(p, s.butaneVersion(), opts); ok {
			a.includes = append(a.includes, inc)
		}
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

func (d *decoder) read(p Str, what string, opts Options) ([]byte, string, bool) {
	name := relativeTo(d.file, p.Value)
	if opts.ReadFile == nil {
		d.add(Error, p.Pos, msgCannotRead(what, p.Value, readWhyNoFiles))
		return nil, name, false
	}
	b, err := opts.ReadFile(name)
	if err != nil && !errors.Is(err, safefile.ErrTooLarge) {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		d.add(Error, p.Pos, msgCannotRead(what, p.Value, err.Error()))
		return nil, name, false
	}
	if err != nil || len(b) > MaxSpecBytes {
		d.add(Error, p.Pos, msgCannotRead(what, p.Value, readWhyTooLarge))
		return nil, name, false
	}
	return b, name, true
}

// readCA accepts only files of PEM certificates, so a key or a DER file is caught before boot.
func (d *decoder) readCA(p Str, opts Options) (string, bool) {
	b, _, ok := d.read(p, "CA file", opts)
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
			d.add(Error, p.Pos, msgCANotPEM(p.Value))
			return "", false
		}
		found = true
	}
	if !found {
		d.add(Error, p.Pos, msgCANotPEM(p.Value))
		return "", false
	}
	return string(b), true
}
