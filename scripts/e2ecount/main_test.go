package main

import (
	"bytes"
	"strings"
	"testing"
)

// TestCount feeds test2json events as go test writes them and checks every way a leaf test can end.
func TestCount(t *testing.T) {
	in := strings.Join([]string{
		`{"Action":"run","Package":"p","Test":"TestA"}`,
		`{"Action":"run","Package":"p","Test":"TestA/one"}`,
		`{"Action":"output","Package":"p","Test":"TestA/one","Output":"=== RUN   TestA/one\n"}`,
		`{"Action":"pass","Package":"p","Test":"TestA/one"}`,
		`{"Action":"run","Package":"p","Test":"TestA/two"}`,
		`{"Action":"fail","Package":"p","Test":"TestA/two"}`,
		`{"Action":"fail","Package":"p","Test":"TestA"}`,
		`{"Action":"run","Package":"p","Test":"TestB"}`,
		`{"Action":"output","Package":"p","Test":"TestB","Output":"    parts_test.go:9: part \"tofu\" is not in SYSEXT_IGN_E2E_PARTS\n"}`,
		`{"Action":"skip","Package":"p","Test":"TestB"}`,
		`{"Action":"run","Package":"p","Test":"TestC"}`,
		`{"Action":"output","Package":"p","Test":"TestC","Output":"    x_test.go:3: no tool here\n"}`,
		`{"Action":"skip","Package":"p","Test":"TestC"}`,
		`{"Action":"run","Package":"p","Test":"TestD"}`,
		`{"Action":"pass","Package":"p","Test":"TestD"}`,
		`{"Action":"run","Package":"p","Test":"TestE"}`,
		`not json: panic: test timed out`,
		`{"Action":"fail","Package":"p"}`,
	}, "\n")
	var log bytes.Buffer
	got := count(strings.NewReader(in), &log)
	// TestA/one and TestD pass; TestA/two fails; TestB is left out; TestC's skip and TestE's unfinished run fail.
	if want := (counts{passed: 2, failed: 3, leftOut: 1}); got != want {
		t.Errorf("count = %+v, want %+v\nlog:\n%s", got, want, log.String())
	}
	for _, want := range []string{"=== RUN   TestA/one\n", "not json: panic: test timed out\n", "no tool here"} {
		if !strings.Contains(log.String(), want) {
			t.Errorf("log lacks %q:\n%s", want, log.String())
		}
	}
}
