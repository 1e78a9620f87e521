package main

import (
	"bytes"
	"os"
	"testing"
)

// TestSchemaCommand proves sysext-ign schema prints, byte for byte, the copy in schema/ that editors can point at,
// which the generator's tests keep equal to the field tables.
func TestSchemaCommand(t *testing.T) {
	var stdout, stderr bytes.Buffer
	if code := run([]string{"schema"}, nil, &stdout, &stderr); code != exitOK || stderr.Len() > 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	file, err := os.ReadFile("../../schema/sysext-ign.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(stdout.Bytes(), file) {
		t.Error("sysext-ign schema does not print schema/sysext-ign.schema.json")
	}
}
