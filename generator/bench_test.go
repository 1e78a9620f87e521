package generator

import (
	"fmt"
	"strings"
	"testing"

	"github.com/sysext-ign/sysext-ign/internal/scale"
	"gopkg.in/yaml.v3"
)

// The benchmarks time each stage of Generate apart, on the typical spec and on the large inputs bench/run uses.
// Run them with: go test ./generator -run '^$' -bench . -benchmem

// eachInput runs one stage per input; the stage prepares what it consumes before its loop.
func eachInput(b *testing.B, stage func(b *testing.B, src []byte)) {
	inputs := []struct {
		name string
		src  []byte
	}{
		{"typical", scale.Typical()},
		{"ext=100", scale.Spec(1, 100)},
		{"ext=499", scale.Spec(1, scale.MaxExtensions)},
	}
	for _, in := range inputs {
		b.Run(in.name, func(b *testing.B) {
			b.ReportAllocs()
			stage(b, in.src)
		})
	}
}

// checked decodes and checks src, failing the benchmark on any diagnostic so every stage times clean input.
func checked(b *testing.B, src []byte) *Spec {
	r := &reporter{file: "bench.yaml"}
	s := decodeSpec(r, src)
	if s != nil {
		checkSpec(r, s)
	}
	if s == nil || len(r.report) > 0 {
		b.Fatalf("benchmark input is not clean: %v", r.report)
	}
	return s
}

// built is the Butane document of a checked spec and its version.
func built(b *testing.B, src []byte) (*yaml.Node, string) {
	s := checked(b, src)
	return build(s, &assets{}), s.butaneVersion()
}

func BenchmarkDecode(b *testing.B) {
	eachInput(b, func(b *testing.B, src []byte) {
		for b.Loop() {
			r := &reporter{file: "bench.yaml"}
			if decodeSpec(r, src) == nil {
				b.Fatal(r.report)
			}
		}
	})
}

func BenchmarkCheck(b *testing.B) {
	eachInput(b, func(b *testing.B, src []byte) {
		s := checked(b, src)
		for b.Loop() {
			checkSpec(&reporter{file: "bench.yaml"}, s)
		}
	})
}

func BenchmarkBuild(b *testing.B) {
	eachInput(b, func(b *testing.B, src []byte) {
		s := checked(b, src)
		for b.Loop() {
			build(s, &assets{})
		}
	})
}

// BenchmarkEncodeButane times the YAML that --butane prints.
func BenchmarkEncodeButane(b *testing.B) {
	eachInput(b, func(b *testing.B, src []byte) {
		doc, _ := built(b, src)
		for b.Loop() {
			encodeYAML(doc)
		}
	})
}

func BenchmarkTranspile(b *testing.B) {
	eachInput(b, func(b *testing.B, src []byte) {
		doc, _ := built(b, src)
		for b.Loop() {
			if _, r, err := translateTree(doc); err != nil || len(r.Entries) > 0 {
				b.Fatal(r, err)
			}
		}
	})
}

// BenchmarkValidate times the final gate: marshalling the JSON and proving it is the config Butane validated.
func BenchmarkValidate(b *testing.B) {
	eachInput(b, func(b *testing.B, src []byte) {
		doc, version := built(b, src)
		cfg, r, err := translateTree(doc)
		if err != nil || len(r.Entries) > 0 {
			b.Fatal(r, err)
		}
		for b.Loop() {
			if _, why := encodeIgnition(cfg, version, false); why != "" {
				b.Fatal(why)
			}
		}
	})
}

func BenchmarkGenerate(b *testing.B) {
	eachInput(b, func(b *testing.B, src []byte) {
		for b.Loop() {
			if _, rep := Generate("bench.yaml", src, Options{}); len(rep) > 0 {
				b.Fatal(rep)
			}
		}
	})
}

// BenchmarkGenerateIncludes times Generate on the typical spec with 20 small included files, read from memory.
func BenchmarkGenerateIncludes(b *testing.B) {
	src, files := scale.Includes()
	opts := Options{ReadFile: func(name string) ([]byte, error) { return files[name], nil }}
	b.ReportAllocs()
	for b.Loop() {
		if _, rep := Generate("bench.yaml", src, opts); len(rep) > 0 {
			b.Fatal(rep)
		}
	}
}

// BenchmarkMergeDepth times the merge's check for paths inside files and links on one directory of growing depth
// beside a file, far past the bound on components, to show its time grows linearly with the depth.
func BenchmarkMergeDepth(b *testing.B) {
	for _, depth := range []int{1000, 4000, 16000} {
		deep := strings.Repeat("/a", depth)
		doc := mapNode(strNode("storage"), mapNode(
			strNode("directories"), seqNode([]*yaml.Node{mapNode(strNode("path"), strNode(deep))}),
			strNode("files"), seqNode([]*yaml.Node{mapNode(strNode("path"), strNode("/b"))})))
		b.Run(fmt.Sprintf("components=%d", depth), func(b *testing.B) {
			for b.Loop() {
				r := &reporter{file: "bench.yaml"}
				merge(r, &yaml.Node{Kind: yaml.DocumentNode, Content: []*yaml.Node{doc}}, nil)
				if len(r.report) > 0 {
					b.Fatal(r.report)
				}
			}
		})
	}
}
