package main

import (
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// TestExample keeps examples/terraform-provider a working copy-paste example: its spec renders under strict,
// and main.tf uses this provider and keeps the rendered output sensitive.
func TestExample(t *testing.T) {
	const dir = "../examples/terraform-provider"
	diags, st := read(t, map[string]tftypes.Value{"spec": str(mustRead(t, dir+"/spec.yaml")), "base_dir": str(dir), "strict": boolean(true)})
	if st == nil || len(diags) > 0 {
		t.Fatalf("the example's spec does not render cleanly: %v", details(diags))
	}
	tf := mustRead(t, dir+"/main.tf")
	for _, want := range []string{
		`source = "sysext-ign/sysextign"`,
		`data "sysextign_config" "sysext" {`,
		`spec     = file("${path.module}/spec.yaml")`,
		`base_dir = path.module`,
		`strict   = true`,
		`user_data     = data.sysextign_config.sysext.rendered`,
	} {
		if !strings.Contains(tf, want) {
			t.Errorf("main.tf lacks %s", want)
		}
	}
	if !regexp.MustCompile(`(?s)output "rendered" \{[^}]*\n\s*sensitive\s*=\s*true\n`).MatchString(tf) {
		t.Error("main.tf outputs rendered without sensitive = true")
	}
}
