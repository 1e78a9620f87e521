package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os/exec"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// externalDataSource runs a program with the query as JSON on stdin and
// exposes the JSON object of strings it prints as result.
type externalDataSource struct{}

// model mirrors the data source's attributes for Get and Set.
type model struct {
	Program    types.List   `tfsdk:"program"`
	Query      types.Map    `tfsdk:"query"`
	WorkingDir types.String `tfsdk:"working_dir"`
	Result     types.Map    `tfsdk:"result"`
	ID         types.String `tfsdk:"id"`
}

func (externalDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName
}

func (externalDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{Attributes: map[string]schema.Attribute{
		"program":     schema.ListAttribute{ElementType: types.StringType, Required: true},
		"query":       schema.MapAttribute{ElementType: types.StringType, Optional: true},
		"working_dir": schema.StringAttribute{Optional: true},
		"result":      schema.MapAttribute{ElementType: types.StringType, Computed: true},
		"id":          schema.StringAttribute{Computed: true},
	}}
}

func (externalDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m model
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	var program []types.String
	resp.Diagnostics.Append(m.Program.ElementsAs(ctx, &program, false)...)
	query := map[string]types.String{}
	if !m.Query.IsNull() {
		resp.Diagnostics.Append(m.Query.ElementsAs(ctx, &query, false)...)
	}
	if resp.Diagnostics.HasError() {
		return
	}

	args := make([]string, 0, len(program))
	for _, a := range program {
		if !a.IsNull() && a.ValueString() != "" {
			args = append(args, a.ValueString())
		}
	}
	if len(args) == 0 {
		resp.Diagnostics.AddAttributeError(path.Root("program"), "External Program Missing",
			"The data source was configured without a program to execute.")
		return
	}
	in := map[string]string{}
	for k, v := range query {
		if !v.IsNull() {
			in[k] = v.ValueString()
		}
	}
	stdin, err := json.Marshal(in)
	if err != nil {
		resp.Diagnostics.AddError("Query Encoding Failed", err.Error())
		return
	}
	if _, err := exec.LookPath(args[0]); err != nil {
		resp.Diagnostics.AddAttributeError(path.Root("program"), "External Program Lookup Failed", err.Error())
		return
	}

	cmd := exec.CommandContext(ctx, args[0], args[1:]...)
	cmd.Dir = m.WorkingDir.ValueString()
	cmd.Stdin = bytes.NewReader(stdin)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		resp.Diagnostics.AddAttributeError(path.Root("program"), "External Program Execution Failed",
			"The data source received an unexpected error while attempting to execute the program.\n\n"+
				"Program: "+cmd.Path+"\nError Message: "+stderr.String()+"\nState: "+err.Error())
		return
	}
	result := map[string]string{}
	if err := json.Unmarshal(out, &result); err != nil {
		resp.Diagnostics.AddAttributeError(path.Root("program"), "Unexpected External Program Results",
			"Program output must be a JSON encoded map of string keys and string values.\n\n"+
				"JSON Error: "+err.Error()+"\n\nProgram: "+cmd.Path+"\nResult Error: "+string(out))
		return
	}

	rv, diags := types.MapValueFrom(ctx, types.StringType, result)
	resp.Diagnostics.Append(diags...)
	m.Result = rv
	m.ID = types.StringValue("-")
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}
