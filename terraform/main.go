// Command terraform-provider-sysextign is a Terraform and OpenTofu provider whose data source turns a
// sysext-ign spec into Ignition in-process, with the results marked sensitive.
package main

import (
	"context"
	"log"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
)

// version and commit are set at release time with -ldflags "-X main.version=... -X main.commit=...".
var (
	version = "dev"
	commit  = ""
)

// address names the provider only in the plugin SDK's debug mode, which wants a host; Terraform and OpenTofu
// find the provider through the configuration's required_providers and never read it.
const address = "sysext-ign.invalid/sysext-ign/sysextign"

func main() {
	err := providerserver.Serve(context.Background(), newProvider(version, commit), providerserver.ServeOpts{Address: address})
	if err != nil {
		log.Fatal(err)
	}
}
