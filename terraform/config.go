package main

import (
	"context"
	"path/filepath"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/sysext-ign/sysext-ign/generator"
	"github.com/sysext-ign/sysext-ign/safefile"
)

// specName is what diagnostics call the spec, as the terraform subcommand does for an inline spec.
const specName = "spec"

// configDataSource renders one spec; a data source, not a resource, since rendering has no side effect to manage.
type configDataSource struct{}

// configModel mirrors the data source's attributes for Get and Set.
type configModel struct {
	Spec     types.String `tfsdk:"spec"`
	BaseDir  types.String `tfsdk:"base_dir"`
	Strict   types.Bool   `tfsdk:"strict"`
	Pretty   types.Bool   `tfsdk:"pretty"`
	Rendered types.String `tfsdk:"rendered"`
	Butane   types.String `tfsdk:"butane"`
	Warnings types.List   `tfsdk:"warnings"`
}

func (configDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_config"
}

func (configDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		Description: "Renders a sysext-ign spec into Ignition JSON, the same bytes `sysext-ign gen` prints.",
		Attributes: map[string]schema.Attribute{
			"spec": schema.StringAttribute{Required: true, Sensitive: true,
				Description: "The spec's text, usually file(\"spec.yaml\"); diagnostics call it spec. Sensitive, as it may hold header values."},
			"base_dir": schema.StringAttribute{Optional: true,
				Description: "Directory that the spec's ca, include and update_keyring paths are relative to; default: the working directory."},
			"strict": schema.BoolAttribute{Optional: true, Description: "Treat warnings as errors; default false."},
			"pretty": schema.BoolAttribute{Optional: true, Description: "Indent the Ignition JSON; default false."},
			"rendered": schema.StringAttribute{Computed: true, Sensitive: true,
				Description: "The Ignition JSON, ending in a newline; it carries header values and CAs."},
			"butane": schema.StringAttribute{Computed: true, Sensitive: true,
				Description: "The generated Butane (variant flatcar), for ct_config's snippets."},
			"warnings": schema.ListAttribute{Computed: true, ElementType: types.StringType,
				Description: "The spec's warnings as spec:LINE:COL: warning: message [code]."},
		},
	}
}

func (configDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m configModel
	if resp.Diagnostics.Append(req.Config.Get(ctx, &m)...); resp.Diagnostics.HasError() {
		return
	}
	res, rep := generator.Generate(specName, []byte(m.Spec.ValueString()), generator.Options{
		Pretty: m.Pretty.ValueBool(), Strict: m.Strict.ValueBool(), Butane: true, ReadFile: under(m.BaseDir.ValueString()),
	})
	warnings := reportTo(&resp.Diagnostics, rep)
	if rep.HasErrors() {
		return
	}
	m.Rendered = types.StringValue(string(res.Ignition))
	m.Butane = types.StringValue(string(res.Butane))
	list, diags := types.ListValueFrom(ctx, types.StringType, warnings)
	m.Warnings = list
	resp.Diagnostics.Append(diags...)
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

// reportTo turns each of the generator's problems into a diagnostic on the spec attribute and returns the warnings' text.
func reportTo(diags *diag.Diagnostics, rep generator.Report) []string {
	warnings := []string{}
	for _, d := range rep {
		if d.Severity == generator.Error {
			diags.AddAttributeError(path.Root("spec"), "sysext-ign: invalid spec", d.String())
			continue
		}
		diags.AddAttributeWarning(path.Root("spec"), "sysext-ign: spec warning", d.String())
		warnings = append(warnings, d.String())
	}
	return warnings
}

// under returns the generator's file reader with relative paths resolved in dir, or the working directory when dir is empty.
func under(dir string) func(string) ([]byte, error) {
	return func(name string) ([]byte, error) {
		if dir != "" && !filepath.IsAbs(name) {
			name = filepath.Join(dir, name)
		}
		return safefile.ReadFile(name, generator.MaxSpecBytes)
	}
}
