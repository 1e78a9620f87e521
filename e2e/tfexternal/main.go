// Command terraform-provider-external is a minimal stand-in for the
// hashicorp/external provider, which no package registry reachable from the
// e2e machines serves; it follows that provider's documented contract.
package main

import (
	"context"
	"log"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-framework/resource"
)

// address is only used by the plugin SDK's debug mode; OpenTofu finds the
// provider by its filesystem-mirror path, never by this value.
const address = "stand-in.invalid/hashicorp/external"

func main() {
	err := providerserver.Serve(context.Background(), func() provider.Provider { return externalProvider{} },
		providerserver.ServeOpts{Address: address})
	if err != nil {
		log.Fatal(err)
	}
}

// externalProvider has no configuration and one data source, like the real one.
type externalProvider struct{}

func (externalProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "external"
}

func (externalProvider) Schema(context.Context, provider.SchemaRequest, *provider.SchemaResponse) {}

func (externalProvider) Configure(context.Context, provider.ConfigureRequest, *provider.ConfigureResponse) {
}

func (externalProvider) DataSources(context.Context) []func() datasource.DataSource {
	return []func() datasource.DataSource{func() datasource.DataSource { return externalDataSource{} }}
}

func (externalProvider) Resources(context.Context) []func() resource.Resource { return nil }
