package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"
	"unicode/utf8"
)

// maxQueryBytes bounds stdin: JSON escaping (\u003c for <) can make a spec at the 1 MiB limit up to six times longer.
const maxQueryBytes = 8 << 20

// msgQueryTooLarge names the limit from maxQueryBytes, so the two cannot drift apart.
func msgQueryTooLarge() string {
	return fmt.Sprintf("stdin is larger than the %d MiB limit for a query", maxQueryBytes>>20)
}

// Query problems, each printed as one stderr line.
const (
	msgQueryNotUTF8  = "stdin is not valid UTF-8; the query must be JSON text"
	msgQueryEmpty    = `stdin is empty; pipe in a JSON object such as {"spec_file":"spec.yaml"}, as Terraform's external data source does`
	msgQueryTTY      = `stdin is a terminal or other device; pipe in a JSON object such as {"spec_file":"spec.yaml"}, as Terraform's external data source does`
	msgQueryTrailing = "stdin holds more than one JSON value; send exactly one object"
	msgQueryNoSpec   = "query needs spec (the spec's text) or spec_file (a path to it)"
	msgQueryBoth     = "query has both spec and spec_file; keep one"
)

var queryKeys = []string{"spec", "spec_file", "pretty", "strict"}

func msgQueryJSON(detail string) string { return "stdin is not valid JSON: " + detail }

func msgQueryKind(got string) string {
	return fmt.Sprintf("query must be a JSON object whose values are strings, not %s", got)
}

func msgQueryValue(key, got string) string {
	return fmt.Sprintf("query value %q must be a string, not %s; the external data source sends only strings", key, got)
}

func msgQueryStdin(file string) string {
	return fmt.Sprintf("spec_file %q would read stdin, which carries the query; name a file or pass the text as spec", file)
}

func msgQueryDuplicate(key string) string { return fmt.Sprintf("query key %q is given twice", key) }

func msgQueryUnknown(key string) string {
	return fmt.Sprintf("unknown query key %q; use one of %s", key, strings.Join(queryKeys, ", "))
}

func msgQueryBool(key, got string) string {
	return fmt.Sprintf(`query value %q must be "true" or "false", not %q`, key, got)
}

// query is what Terraform asked for, after checking.
type query struct {
	spec, specFile string
	inline         bool // the spec text came in the query rather than from spec_file
	pretty, strict bool
}

// parseQuery checks the stdin of the external data source protocol: one JSON object with string values only.
func parseQuery(in []byte) (map[string]string, error) {
	switch {
	case len(in) > maxQueryBytes:
		return nil, errors.New(msgQueryTooLarge())
	case !utf8.Valid(in):
		return nil, errors.New(msgQueryNotUTF8)
	case len(bytes.TrimSpace(in)) == 0:
		return nil, errors.New(msgQueryEmpty)
	}
	dec := json.NewDecoder(bytes.NewReader(in))
	tok, err := dec.Token()
	if err != nil {
		return nil, jsonError(err)
	}
	if tok != json.Delim('{') {
		return nil, errors.New(msgQueryKind(jsonKind(tok)))
	}
	values := map[string]string{}
	for dec.More() {
		key, value, err := member(dec)
		if err != nil {
			return nil, err
		}
		if _, dup := values[key]; dup {
			return nil, errors.New(msgQueryDuplicate(key))
		}
		values[key] = value
	}
	if _, err := dec.Token(); err != nil {
		return nil, jsonError(err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, errors.New(msgQueryTrailing)
	}
	return values, nil
}

// member reads one key and its value, which must be a string.
func member(dec *json.Decoder) (string, string, error) {
	k, err := dec.Token()
	if err != nil {
		return "", "", jsonError(err)
	}
	key := k.(string) // inside an object the decoder yields only string keys
	v, err := dec.Token()
	if err != nil {
		return "", "", jsonError(err)
	}
	value, ok := v.(string)
	if !ok {
		return "", "", errors.New(msgQueryValue(key, jsonKind(v)))
	}
	return key, value, nil
}

// jsonError keeps the decoder's reason and says where, without the Go type names.
func jsonError(err error) error {
	var se *json.SyntaxError
	switch {
	case errors.As(err, &se):
		return fmt.Errorf("%s (at byte offset %d)", msgQueryJSON(se.Error()), se.Offset)
	case errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF):
		return errors.New(msgQueryJSON("it ends before the object is closed"))
	}
	return errors.New(msgQueryJSON(err.Error()))
}

// jsonKind names a JSON token's type as the protocol's documentation does.
func jsonKind(tok json.Token) string {
	switch tok.(type) {
	case json.Delim:
		if tok == json.Delim('[') {
			return "an array"
		}
		return "an object"
	case bool:
		return "a boolean"
	case float64:
		return "a number"
	case nil:
		return "null"
	}
	return "a string"
}

// interpret checks the keys and values of a decoded query, collecting every problem.
func interpret(values map[string]string) (query, []string) {
	var q query
	var problems []string
	for _, key := range slices.Sorted(maps.Keys(values)) {
		if !slices.Contains(queryKeys, key) {
			problems = append(problems, msgQueryUnknown(key))
		}
	}
	spec, inline := values["spec"]
	file, fromFile := values["spec_file"]
	switch {
	case inline && fromFile:
		problems = append(problems, msgQueryBoth)
	case !inline && !fromFile:
		problems = append(problems, msgQueryNoSpec)
	case fromFile && isStdin(file):
		problems = append(problems, msgQueryStdin(file))
	}
	q.spec, q.specFile, q.inline = spec, file, inline
	for _, b := range []struct {
		key  string
		into *bool
	}{{"pretty", &q.pretty}, {"strict", &q.strict}} {
		switch v, set := values[b.key]; {
		case !set, v == "false":
		case v == "true":
			*b.into = true
		default:
			problems = append(problems, msgQueryBool(b.key, v))
		}
	}
	return q, problems
}
