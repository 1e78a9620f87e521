package generator

import (
	"fmt"
	"io/fs"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/txtar"
)

// filesSpec names the three files FuzzFiles serves, so every seed reaches the include and CA code.
const filesSpec = "include: [a.bu, b.bu]\nca: [ca.pem]\nextensions:\n  - {name: a, version: '1', update: true}\n"

// FuzzFiles checks what a spec's included Butane and CA files can do, read through a fake ReadFile:
// never an internal error, a panic or a hang; diagnostics positioned in the file they are about;
// deterministic results; and output Ignition and Butane both accept.
func FuzzFiles(f *testing.F) {
	bu := includeSeeds(f)
	for i, a := range bu {
		f.Add([]byte(filesSpec), a, bu[(i+1)%len(bu)], []byte(testCA))
	}
	f.Add([]byte(filesSpec), bu[0], bu[0], []byte("-----BEGIN CERTIFICATE-----\nMA==\n-----END CERTIFICATE-----\n"))
	f.Fuzz(func(t *testing.T, spec, a, b, ca []byte) {
		files := map[string][]byte{"a.bu": a, "b.bu": b, "ca.pem": ca}
		read := func(name string) ([]byte, error) {
			if data, ok := files[name]; ok {
				return data, nil
			}
			return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
		}
		res, rep := generateFilesWatched(t, spec, read)
		again, rep2 := generateFilesWatched(t, spec, read)
		if !sameResult(res, again) || fmt.Sprint(rep) != fmt.Sprint(rep2) {
			t.Fatalf("two runs differ:\n%s\n---\n%s", rep, rep2)
		}
		inputs := map[string][]byte{"spec.yaml": spec, "a.bu": a, "b.bu": b}
		for _, d := range rep {
			src, known := inputs[d.File]
			switch {
			case strings.Contains(d.Message, "internal error"):
				t.Errorf("an included or CA file led to an internal error: %s", d)
			case !known:
				t.Errorf("diagnostic names %q, not the spec or an included file: %s", d.File, d)
			case strings.ContainsAny(d.String(), "\r\n") || d.Message == "":
				t.Errorf("diagnostic is empty or spans lines: %q", d.String())
			case d.Line == 0 && d.Col != 0:
				t.Errorf("whole-file diagnostic has a column: %s", d)
			case d.Line < 0 || d.Line > lineCount(src) || d.Col < 0: // a line without a column is what yaml.v3 gives
				t.Errorf("diagnostic at %d:%d lies outside the %d-line %s: %s", d.Line, d.Col, lineCount(src), d.File, d)
			}
		}
		if rep.HasErrors() {
			if res != nil && res.Ignition != nil {
				t.Fatalf("Ignition produced despite errors:\n%s", rep)
			}
			return
		}
		checkIgnition(t, res.Ignition)
		if len(rep) == 0 { // an included file's warning stays in the merged Butane, which strict Butane would refuse
			checkButaneAgrees(t, res)
		}
	})
}

// includeSeeds gathers the fixtures' included files and the Butane files of the CLI corpus.
func includeSeeds(t testing.TB) [][]byte {
	var seeds [][]byte
	names, _ := filepath.Glob("../fixtures/*/*.bu")
	for _, name := range names {
		if filepath.Base(name) != "want.bu" {
			seeds = append(seeds, readFile(t, name))
		}
	}
	archives, _ := filepath.Glob("../cmd/sysext-ign/testdata/*.txtar")
	for _, name := range archives {
		for _, file := range txtar.Parse(readFile(t, name)).Files {
			if strings.HasSuffix(file.Name, ".bu") {
				seeds = append(seeds, file.Data)
			}
		}
	}
	if len(seeds) == 0 {
		t.Fatal("no Butane seeds found")
	}
	return seeds
}

// generateFilesWatched is generateWatched with the spec's files served by read.
func generateFilesWatched(t *testing.T, src []byte, read func(string) ([]byte, error)) (*Result, Report) {
	t.Helper()
	done := make(chan struct {
		res *Result
		rep Report
	}, 1)
	go func() {
		res, rep := Generate("spec.yaml", src, Options{Debug: true, Butane: true, ReadFile: read})
		done <- struct {
			res *Result
			rep Report
		}{res, rep}
	}()
	select {
	case o := <-done:
		return o.res, o.rep
	case <-time.After(hangLimit):
		t.Fatalf("Generate gave no result within %v", hangLimit)
		return nil, nil
	}
}
