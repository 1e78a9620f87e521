package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/sysext-ign/sysext-ign/generator"
)

const terraformSynopsis = `Usage: sysext-ign terraform

Answer Terraform's or OpenTofu's external data source. stdin is one JSON
object of strings: spec (the spec's text, named "spec" in diagnostics) or
spec_file (a path), and optionally pretty and strict ("true" or "false").
stdout is one JSON object: rendered (the Ignition JSON) and butane (the
generated Butane). On failure, one line goes to stderr and stdout stays empty.
Exit status: 0 ok, 1 invalid query or spec, 2 usage error.
`

func (e *env) terraform(args []string) int {
	msg := "terraform takes no arguments; it reads its query on stdin"
	if code := e.parseNoArgs(newFlags("terraform"), terraformSynopsis, args, msg); code >= 0 {
		return code
	}
	out, note, ok := e.answer()
	if note != "" {
		e.note("%s", note)
	}
	if !ok {
		return exitInvalid
	}
	return e.emit("", out)
}

// answer serves one request; note is the one stderr line for errors, or for warnings when ok.
func (e *env) answer() (out []byte, note string, ok bool) {
	values, err := e.readQuery()
	if err != nil {
		return nil, "sysext-ign terraform: " + err.Error(), false
	}
	q, problems := interpret(values)
	if len(problems) > 0 {
		return nil, "sysext-ign terraform: " + strings.Join(problems, "; "), false
	}
	name, src := "spec", []byte(q.spec)
	if !q.inline {
		var rep generator.Report
		if name, src, rep = e.load(q.specFile); rep != nil {
			return nil, oneLine(rep), false
		}
	}
	res, rep := generator.Generate(name, src, generator.Options{Pretty: q.pretty, Strict: q.strict, Butane: true, ReadFile: readNamed})
	if rep.HasErrors() {
		return nil, oneLine(rep), false
	}
	// Marshalling a map of strings cannot fail.
	out, _ = json.Marshal(map[string]string{"rendered": string(res.Ignition), "butane": string(res.Butane)})
	return append(out, '\n'), oneLine(rep), true
}

// readQuery reads and decodes stdin, refusing a terminal so that a person who runs it by hand is not left waiting.
func (e *env) readQuery() (map[string]string, error) {
	if isDevice(e.stdin) {
		return nil, errors.New(msgQueryTTY)
	}
	in, err := io.ReadAll(io.LimitReader(e.stdin, maxQueryBytes+1))
	if err != nil {
		return nil, fmt.Errorf("reading stdin: %w", err)
	}
	return parseQuery(in)
}

// isDevice tells a terminal (or /dev/null) from the pipe Terraform connects.
func isDevice(r io.Reader) bool {
	f, ok := r.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// oneLine joins diagnostics with "; ", since Terraform shows stderr as one message; each is one line already.
func oneLine(rep generator.Report) string {
	lines := make([]string, len(rep))
	for i, d := range rep {
		lines[i] = d.String()
	}
	return strings.Join(lines, "; ")
}
