package main

import (
	"bytes"
	"os"
	"regexp"
	"strings"
	"testing"
)

// TestTerraformExample keeps examples/terraform a working copy-paste example: its spec is valid
// and main.tf calls sysext-ign the way docs/terraform.md says, with its output sensitive, since it carries credentials.
func TestTerraformExample(t *testing.T) {
	var stdout, stderr bytes.Buffer
	if code := run([]string{"validate", "--strict", "../../examples/terraform/spec.yaml"}, nil, &stdout, &stderr); code != exitOK {
		t.Fatalf("example spec does not validate: %s", stderr.String())
	}
	tf, err := os.ReadFile("../../examples/terraform/main.tf")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`program = ["sysext-ign", "terraform"]`, `spec = file("${path.module}/spec.yaml")`, `.result.rendered`, `user_data`} {
		if !strings.Contains(string(tf), want) {
			t.Errorf("examples/terraform/main.tf lacks %s", want)
		}
	}
	if !regexp.MustCompile(`(?s)output "rendered" \{[^}]*\n\s*sensitive\s*=\s*true\n`).Match(tf) {
		t.Error("examples/terraform/main.tf outputs rendered without sensitive = true")
	}
}
