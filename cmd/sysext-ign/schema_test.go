package main

import (
	"bytes"
	"testing"

	"github.com/sysext-ign/sysext-ign/schema"
)

// TestSchemaCommand proves sysext-ign schema prints the embedded file byte for byte, the one the generator tests check.
func TestSchemaCommand(t *testing.T) {
	var stdout, stderr bytes.Buffer
	if code := run([]string{"schema"}, nil, &stdout, &stderr); code != exitOK || stderr.Len() > 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	if stdout.String() != schema.JSON {
		t.Error("sysext-ign schema does not print the embedded schema")
	}
}
