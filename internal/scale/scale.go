// Package scale writes the synthetic specs that bench/run and the generator's benchmarks and tests measure,
// so all time the same documents; it lives apart from bench/ so the library's tests need not import a tool.
package scale

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"

	"gopkg.in/yaml.v3"
)

// MaxExtensions and the others are the generator's limits; a test keeps them equal.
const (
	MaxExtensions     = 499
	maxHeaders        = 4
	maxFiles          = 100
	maxFilesBytes     = 1 << 20
	maxSpecBytes      = 1 << 20
	maxPathBytes      = 4095
	maxPathComponents = 64
	maxNameBytes      = 255
	maxKeyringWork    = 2000
)

// Sizes are the extension counts of the scale inputs, up to the most a spec may have.
var Sizes = []int{1, 10, 100, MaxExtensions}

// The include shape at every bound on included files: 100 files, 2,400 of the 2,500 entries (each file
// has 4 keys, and per storage file an item and 3 keys), just under 1 MiB together.
const (
	includeFiles   = 100
	filesPerInc    = 5
	contentPerFile = 1950
)

type spec struct {
	Headers       map[string]string `yaml:"headers,omitempty"`
	Disable       []string          `yaml:"disable"`
	Include       []string          `yaml:"include,omitempty"`
	UpdateKeyring string            `yaml:"update_keyring,omitempty"`
	Extensions    []extension       `yaml:"extensions,omitempty"`
	Official      []string          `yaml:"flatcar_extensions,omitempty"`
}

// Typical is the typical spec: two bakery images kept up to date, one of them within a series, two built-ins
// turned off and two official extensions.
func Typical() []byte { return marshal(typical()) }

func typical() spec {
	return spec{
		Extensions: []extension{
			{Name: "docker", Version: "28.0.4", Update: true},
			{Name: "kubernetes", Version: "v1.32.2", Update: map[string]string{"series": "v1.32"}},
		},
		Disable:  []string{"docker-flatcar", "containerd-flatcar"},
		Official: []string{"podman", "nvidia-drivers-570-open"},
	}
}

type extension struct {
	Name    string            `yaml:"name"`
	Version string            `yaml:"version,omitempty"`
	Source  string            `yaml:"source,omitempty"`
	Hash    string            `yaml:"hash,omitempty"`
	Headers map[string]string `yaml:"headers,omitempty"`
	Update  any               `yaml:"update,omitempty"`
}

// update is an extension's update: mapping, as the worst shapes fill it.
type update struct {
	Series  string   `yaml:"series,omitempty"`
	Source  string   `yaml:"source,omitempty"`
	Restart []string `yaml:"restart,omitempty,flow"`
	Verify  bool     `yaml:"verify,omitempty"`
}

// Shape picks the parts of a worst spec; any combination is within the limits.
type Shape struct {
	Extensions bool // the most extensions, each with update, a series and the most headers, as many again at the top
	Includes   bool // included files at every bound, each entry a file with inline contents that Butane compresses
	Keyring    bool // an update_keyring that spends the whole budget of signature checks
	Paths      bool // local update sources and included paths at the bounds on length and depth
	Restart    bool // every extension restarts units, one drop-in line each, as many as the spec's bytes hold
}

// Worst returns the heaviest spec of the shape, and the files it names (relative to the spec), so that benchmarks and
// tests hold the promise against the worst input within the limits.
func Worst(sh Shape) (src []byte, files map[string][]byte) {
	// Local sources alone, or restart lists, take what the rest of the spec leaves, and fill its bytes, cut by each
	// extension's share of the excess until the spec fits, a few times, as names split unevenly. With both, local
	// sources keep the bound on depth in the fewest bytes and leave the rest to the lists, whose drop-in lines cost
	// more per byte of spec than paths do.
	const room = maxSpecBytes - 1024
	for budget := maxPathBytes; ; {
		pathBytes := budget
		if sh.Restart {
			pathBytes = 0
		}
		src, files = worst(sh, pathBytes, budget/unitBytes)
		if len(src) <= room {
			return src, files
		}
		budget -= (len(src)-room)/MaxExtensions + 1
	}
}

func worst(sh Shape, pathBytes, units int) ([]byte, map[string][]byte) {
	s := spec{Disable: []string{"docker-flatcar", "containerd-flatcar", "torcx-generator"}}
	files := map[string][]byte{}
	n := 1
	if sh.Extensions || sh.Paths || sh.Restart {
		n = MaxExtensions
	}
	if sh.Extensions {
		s.Headers = headers("X-Fleet", -1)
	}
	for i := range n {
		s.Extensions = append(s.Extensions, worstExtension(sh, i, pathBytes, units))
	}
	slots := maxFiles
	if sh.Keyring {
		// With Includes or Paths, the keyring is the smallest that spends the whole budget of signature checks, so the
		// included files keep their bytes; alone, it also fills the bytes a spec's files may have.
		fill := !sh.Includes && !sh.Paths
		s.UpdateKeyring = map[bool]string{true: "keys/full.gpg", false: "keys/cheap.gpg"}[fill]
		files[s.UpdateKeyring] = Keyring(fill)
		slots--
	}
	include := func(name string, b []byte) {
		if len(s.Include) < slots {
			s.Include = append(s.Include, name)
			files[name] = b
		}
	}
	for i := range includeFiles {
		switch {
		case sh.Includes:
			include(fmt.Sprintf("inc/part%03d.bu", i), includeFile(i))
		case sh.Paths:
			include(fmt.Sprintf("inc/deep%03d.bu", i), deepInclude(i))
		}
	}
	return marshal(s), files
}

// worstExtension is the i-th extension of a worst spec of the shape; with a keyring, the first verifies its list.
func worstExtension(sh Shape, i, pathBytes, units int) extension {
	e := extension{Name: fmt.Sprintf("ext%05d", i), Version: fmt.Sprintf("1.%d.0", i)}
	u := update{}
	if sh.Extensions {
		e.Headers = headers("X-Node", i)
		u.Series = "1"
	}
	if sh.Restart {
		u.Restart = restartUnits(units)
	}
	switch {
	case sh.Keyring && i == 0:
		e.Source = "https://mirror.example/ext/" + e.Name + "-" + e.Version + "-x86-64.raw"
		u.Source, u.Verify = "https://mirror.example/ext/"+e.Name+"/", true
	case sh.Paths:
		u.Source = deepPath("/var/lib/sysext-updates/"+e.Name, pathBytes)
	}
	if sh.Extensions || sh.Restart || sh.Paths || sh.Keyring && i == 0 {
		e.Update = u
	}
	return e
}

// headers is the most headers one mapping may hold, named prefix-N, with values unique to owner.
func headers(prefix string, owner int) map[string]string {
	h := map[string]string{}
	for i := range maxHeaders {
		h[fmt.Sprintf("%s-%d", prefix, i)] = fmt.Sprintf("token-%d-%d", owner, i)
	}
	return h
}

// butaneDoc is the part of a Butane file of the flatcar variant that the worst and the includes shapes write.
type butaneDoc struct {
	Variant string `yaml:"variant"`
	Version string `yaml:"version"`
	Storage struct {
		Files       []butaneEntry `yaml:"files,omitempty"`
		Directories []butaneEntry `yaml:"directories,omitempty"`
		Links       []butaneEntry `yaml:"links,omitempty"`
	} `yaml:"storage"`
	Systemd *struct {
		Units []butaneUnit `yaml:"units"`
	} `yaml:"systemd,omitempty"`
	Passwd *struct {
		Users []butaneUser `yaml:"users"`
	} `yaml:"passwd,omitempty"`
}

// butaneEntry is one file, directory or link of butaneDoc.
type butaneEntry struct {
	Path     string    `yaml:"path"`
	Mode     int       `yaml:"mode,omitempty"`
	Target   string    `yaml:"target,omitempty"`
	Contents *contents `yaml:"contents,omitempty"`
}

type contents struct {
	Inline string `yaml:"inline"`
}

type butaneUnit struct {
	Name     string `yaml:"name"`
	Enabled  bool   `yaml:"enabled"`
	Contents string `yaml:"contents"`
}

type butaneUser struct {
	Name   string   `yaml:"name"`
	Groups []string `yaml:"groups"`
	Keys   []string `yaml:"ssh_authorized_keys"`
}

// fileOf is a storage file with inline contents.
func fileOf(path string, mode int, text string) butaneEntry {
	return butaneEntry{Path: path, Mode: mode, Contents: &contents{text}}
}

// includeFile is Butane with filesPerInc files of contentPerFile bytes of hex, which gzip cannot shrink much.
func includeFile(i int) []byte {
	var doc butaneDoc
	doc.Variant, doc.Version = "flatcar", "1.0.0"
	for j := range filesPerInc {
		var text []byte
		for k := 0; len(text) < contentPerFile; k++ {
			sum := sha256.Sum256(fmt.Appendf(nil, "%d-%d-%d", i, j, k))
			text = hex.AppendEncode(text, sum[:])
		}
		doc.Storage.Files = append(doc.Storage.Files, fileOf(fmt.Sprintf("/etc/bench/%d/%d", i, j), 0, string(text[:contentPerFile])))
	}
	return marshal(doc)
}

// SmallIncludes is the number of included files of the includes shape, as a fleet splits its users, units and files.
const SmallIncludes = 20

// Includes returns the typical spec with SmallIncludes small included files, and the files (relative to the spec):
// each writes a file, a unit and, in every fifth, a user, as a fleet's shared Butane does.
func Includes() (src []byte, files map[string][]byte) {
	s := typical()
	files = map[string][]byte{}
	for i := range SmallIncludes {
		name := fmt.Sprintf("small/part%02d.bu", i)
		s.Include = append(s.Include, name)
		files[name] = smallInclude(i)
	}
	return marshal(s), files
}

// smallInclude is a short Butane file, the i-th of the includes shape.
func smallInclude(i int) []byte {
	var doc butaneDoc
	doc.Variant, doc.Version = "flatcar", "1.0.0"
	doc.Storage.Files = []butaneEntry{fileOf(fmt.Sprintf("/etc/fleet/part%02d.conf", i), 0o644, fmt.Sprintf("part=%d\nrole=worker\n", i))}
	doc.Systemd = &struct {
		Units []butaneUnit `yaml:"units"`
	}{[]butaneUnit{{fmt.Sprintf("fleet-part%02d.service", i), true,
		fmt.Sprintf("[Unit]\nDescription=fleet part %d\n[Service]\nType=oneshot\nExecStart=/usr/bin/true\n[Install]\nWantedBy=multi-user.target\n", i)}}}
	if i%5 == 0 {
		doc.Passwd = &struct {
			Users []butaneUser `yaml:"users"`
		}{[]butaneUser{{fmt.Sprintf("ops%02d", i), []string{"sudo", "docker"}, []string{fmt.Sprintf("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI%040d ops%02d", i, i)}}}}
	}
	return marshal(doc)
}

func marshal(v any) []byte {
	out, err := yaml.Marshal(v)
	if err != nil {
		panic("scale: marshalling a plain struct failed: " + err.Error())
	}
	return out
}

// Spec returns a valid spec with n extensions numbered from first, mixing the shapes real specs use:
// mostly bakery shorthand, a custom source with a hash in every tenth, and in every hundredth
// download headers and, separately, automatic updates.
func Spec(first, n int) []byte {
	s := spec{Disable: []string{"docker-flatcar", "containerd-flatcar", "torcx-generator"}}
	for i := first; i < first+n; i++ {
		s.Extensions = append(s.Extensions, ext(i))
	}
	return marshal(s)
}

func ext(i int) extension {
	e := extension{Name: fmt.Sprintf("ext%05d", i)}
	if i%10 != 0 {
		e.Version = fmt.Sprintf("1.%d.0", i)
	} else {
		sum := sha256.Sum256([]byte(e.Name))
		e.Source = "https://mirror.example/ext/" + e.Name + ".raw"
		e.Hash = "sha256-" + hex.EncodeToString(sum[:])
	}
	if i%100 == 50 {
		e.Headers = map[string]string{"Authorization": fmt.Sprintf("Bearer token-%d", i), "X-Fleet": "edge"}
	}
	if i%100 == 25 {
		e.Update = true
	}
	return e
}
