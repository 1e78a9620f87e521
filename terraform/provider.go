package main

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
)

// sysextignProvider has no configuration: everything a config needs comes from the data source's own attributes.
type sysextignProvider struct {
	version string
}

// newProvider returns the constructor providerserver wants; the commit joins the version so a bug report names the build.
func newProvider(version, commit string) func() provider.Provider {
	if commit != "" {
		version += "+" + commit
	}
	return func() provider.Provider { return sysextignProvider{version: version} }
}

func (p sysextignProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "sysextign"
	resp.Version = p.version
}

func (sysextignProvider) Schema(_ context.Context, _ provider.SchemaRequest, resp *provider.SchemaResponse) {
	resp.Schema = schema.Schema{Description: "Turns sysext-ign specs into Ignition for Flatcar Container Linux, without the network."}
}

func (sysextignProvider) Configure(context.Context, provider.ConfigureRequest, *provider.ConfigureResponse) {
}

func (sysextignProvider) DataSources(context.Context) []func() datasource.DataSource {
	return []func() datasource.DataSource{func() datasource.DataSource { return configDataSource{} }}
}

func (sysextignProvider) Resources(context.Context) []func() resource.Resource { return nil }
