// Package scale writes the synthetic specs that bench/run and the generator's benchmarks measure,
// so both time the same documents.
package scale

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"

	"gopkg.in/yaml.v3"
)

// Sizes are the extension counts of the scale inputs the issue names.
var Sizes = []int{1, 10, 100, 1000, 10000}

type spec struct {
	Disable    []string    `yaml:"disable"`
	Extensions []extension `yaml:"extensions"`
}

type extension struct {
	Name    string            `yaml:"name"`
	Version string            `yaml:"version,omitempty"`
	Source  string            `yaml:"source,omitempty"`
	Hash    string            `yaml:"hash,omitempty"`
	Headers map[string]string `yaml:"headers,omitempty"`
	Update  bool              `yaml:"update,omitempty"`
}

// Spec returns a valid spec with n extensions numbered from first, mixing the shapes real specs use:
// mostly bakery shorthand, a custom source with a hash in every tenth, and in every hundredth
// download headers and, separately, automatic updates.
// Ten thousand extensions stay under the 1 MiB spec limit.
func Spec(first, n int) []byte {
	s := spec{Disable: []string{"docker-flatcar", "containerd-flatcar", "torcx-generator"}}
	for i := first; i < first+n; i++ {
		s.Extensions = append(s.Extensions, ext(i))
	}
	out, err := yaml.Marshal(s)
	if err != nil {
		panic("scale: marshalling a plain struct failed: " + err.Error())
	}
	return out
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
