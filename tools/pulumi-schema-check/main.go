// Command pulumi-schema-check binds a Pulumi package schema with Pulumi's own binder and, on
// request, generates the package's Node.js SDK from it.
//
// `pulumi package gen-sdk` cannot stand in for it here: it hands SDK generation to the language
// host (ours does not implement GeneratePackage), it binds with dangling references allowed, and
// it shows only errors, never warnings. This calls the same library functions directly, with a
// loader that loads no plugins and reaches no network, and treats any diagnostic as a failure.
//
// Usage: pulumi-schema-check [-json] [-nodejs DIR] SCHEMA.json
//
// Every diagnostic is printed as "severity: summary: detail" (or, with -json, as a JSON array on
// stdout). Exit status: 0 no diagnostics, 1 diagnostics (no SDK is generated), 2 the tool itself
// failed (unreadable file, failed generation).
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/blang/semver"
	"github.com/hashicorp/hcl/v2"
	"github.com/pulumi/pulumi/pkg/v3/codegen/nodejs"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
)

const toolName = "pulumi-schema-check"

func main() {
	os.Exit(run(os.Args[1:]))
}

// diagnostic is one binder finding, as printed and as the -json output.
type diagnostic struct {
	Severity string `json:"severity"`
	Summary  string `json:"summary"`
	Detail   string `json:"detail,omitempty"`
}

func run(args []string) int {
	flags := flag.NewFlagSet(toolName, flag.ContinueOnError)
	asJSON := flags.Bool("json", false, "print the diagnostics as a JSON array on stdout")
	nodejsOut := flags.String("nodejs", "", "generate the Node.js SDK into this folder (emptied first) when there are no diagnostics")
	flags.Usage = func() {
		fmt.Fprintf(flags.Output(), "usage: %s [-json] [-nodejs DIR] SCHEMA.json\n", toolName)
		flags.PrintDefaults()
	}
	if err := flags.Parse(args); err != nil {
		return 2
	}
	if flags.NArg() != 1 {
		flags.Usage()
		return 2
	}

	pkg, diags, err := bind(flags.Arg(0))
	if err != nil {
		fmt.Fprintf(os.Stderr, "%s: %v\n", toolName, err)
		return 2
	}
	report(diags, *asJSON)
	if len(diags) > 0 {
		return 1
	}

	if *nodejsOut != "" {
		if err := generateNodejs(pkg, *nodejsOut); err != nil {
			fmt.Fprintf(os.Stderr, "%s: generating the Node.js SDK: %v\n", toolName, err)
			return 2
		}
		fmt.Fprintf(os.Stderr, "%s: Node.js SDK written to %s\n", toolName, *nodejsOut)
	}
	return 0
}

// bind reads and binds the schema. Diagnostics are findings about the schema; the error is only for
// failures of the tool (the file cannot be read, the binder gave up).
func bind(path string) (*schema.Package, []diagnostic, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, nil, err
	}
	var spec schema.PackageSpec
	// Strict: encoding/json drops keys it does not know, and the binder then never sees them, so a
	// misspelled key ("requiredInput") would pass silently and change the package's meaning.
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&spec); err != nil {
		return nil, []diagnostic{{Severity: "error", Summary: "the file does not decode as a Pulumi package schema", Detail: err.Error()}}, nil
	}

	// Dangling references are errors here (gen-sdk allows them): an SDK that refers to a type no
	// schema defines does not compile.
	pkg, hclDiags, err := schema.BindSpec(spec, noPlugins{}, schema.ValidationOptions{})
	diags := convert(hclDiags)
	if err != nil {
		if len(diags) > 0 {
			// The binder stopped, but said why: the diagnostics are the finding.
			return nil, diags, nil
		}
		return nil, nil, fmt.Errorf("binding: %w", err)
	}
	return pkg, diags, nil
}

func convert(hclDiags hcl.Diagnostics) []diagnostic {
	diags := make([]diagnostic, 0, len(hclDiags))
	for _, d := range hclDiags {
		severity := "error"
		if d.Severity == hcl.DiagWarning {
			severity = "warning"
		}
		diags = append(diags, diagnostic{Severity: severity, Summary: d.Summary, Detail: d.Detail})
	}
	return diags
}

func report(diags []diagnostic, asJSON bool) {
	if asJSON {
		out, _ := json.MarshalIndent(diags, "", "  ")
		fmt.Println(string(out))
		return
	}
	for _, d := range diags {
		if d.Detail != "" {
			fmt.Printf("%s: %s: %s\n", d.Severity, d.Summary, d.Detail)
		} else {
			fmt.Printf("%s: %s\n", d.Severity, d.Summary)
		}
	}
	fmt.Fprintf(os.Stderr, "%s: %d diagnostic(s)\n", toolName, len(diags))
}

func generateNodejs(pkg *schema.Package, outDir string) error {
	files, err := nodejs.GeneratePackage(toolName, pkg, nil, nil, false, noPlugins{})
	if err != nil {
		return err
	}
	if err := os.RemoveAll(outDir); err != nil {
		return err
	}
	for name, content := range files {
		path := filepath.Join(outDir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(path, content, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// noPlugins is a schema loader for a self-contained schema: Pulumi's plugin loader would start
// provider plugins, or download them, to read the schemas of other packages; a reference to another
// package is reported instead.
type noPlugins struct{}

var errNoPlugins = errors.New("the schema refers to another package; " + toolName + " loads no other packages")

func (noPlugins) LoadPackage(name string, _ *semver.Version) (*schema.Package, error) {
	return nil, fmt.Errorf("%s: %w", name, errNoPlugins)
}

func (noPlugins) LoadPackageV2(_ context.Context, d *schema.PackageDescriptor) (*schema.Package, error) {
	return nil, fmt.Errorf("%s: %w", d.String(), errNoPlugins)
}

func (noPlugins) LoadPackageReference(name string, _ *semver.Version) (schema.PackageReference, error) {
	return nil, fmt.Errorf("%s: %w", name, errNoPlugins)
}

func (noPlugins) LoadPackageReferenceV2(_ context.Context, d *schema.PackageDescriptor) (schema.PackageReference, error) {
	return nil, fmt.Errorf("%s: %w", d.String(), errNoPlugins)
}
