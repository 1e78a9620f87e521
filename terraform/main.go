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

// address is the provider's source address; Terraform and OpenTofu find the provider by the
// configuration's required_providers, so this only names it in the plugin SDK's debug mode.
const address = "sysext-ign/sysextign"

func main() {
	err := providerserver.Serve(context.Background(), newProvider(version, commit), providerserver.ServeOpts{Address: address})
	if err != nil {
		log.Fatal(err)
	}
}
