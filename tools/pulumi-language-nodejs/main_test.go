package main

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

// envMap turns configEnv's KEY=value lines into a map, failing on anything else.
func envMap(t *testing.T, lines []string) map[string]string {
	t.Helper()
	m := map[string]string{}
	for _, line := range lines {
		k, v, ok := strings.Cut(line, "=")
		if !ok {
			t.Fatalf("not KEY=value: %q", line)
		}
		m[k] = v
	}
	return m
}

func TestConfigEnv(t *testing.T) {
	cases := []struct {
		name       string
		config     map[string]string
		secretKeys []string
		want       map[string]string
	}{
		{
			// What the engine sends for a brand-new stack: protobuf decodes an empty map as nil.
			name: "no config at all",
			want: map[string]string{"PULUMI_CONFIG": "{}", "PULUMI_CONFIG_SECRET_KEYS": "[]"},
		},
		{
			name:       "empty config",
			config:     map[string]string{},
			secretKeys: []string{},
			want:       map[string]string{"PULUMI_CONFIG": "{}", "PULUMI_CONFIG_SECRET_KEYS": "[]"},
		},
		{
			name: "config with a secret",
			config: map[string]string{
				"bluejay:apiKey": "decrypted-key",
				"bluejay:apiUrl": "http://127.0.0.1:1",
				"proj:x":         "y",
			},
			secretKeys: []string{"bluejay:apiKey"},
			want: map[string]string{
				"PULUMI_CONFIG":             `{"bluejay:config:apiKey":"decrypted-key","bluejay:config:apiUrl":"http://127.0.0.1:1","proj:config:x":"y"}`,
				"PULUMI_CONFIG_SECRET_KEYS": `["bluejay:apiKey"]`,
			},
		},
		{
			// Keys already in the legacy form are passed through as they are, like Pulumi's host does.
			name:   "legacy key form",
			config: map[string]string{"proj:config:x": "y"},
			want:   map[string]string{"PULUMI_CONFIG": `{"proj:config:x":"y"}`, "PULUMI_CONFIG_SECRET_KEYS": "[]"},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			lines, err := configEnv(c.config, c.secretKeys)
			if err != nil {
				t.Fatal(err)
			}
			if got := envMap(t, lines); !reflect.DeepEqual(got, c.want) {
				t.Errorf("got %v, want %v", got, c.want)
			}
		})
	}
}

func TestConfigEnvRejectsAKeyWithoutANamespace(t *testing.T) {
	_, err := configEnv(map[string]string{"nonamespace": "v"}, nil)
	if err == nil || !strings.Contains(err.Error(), "could not parse nonamespace as a configuration key") {
		t.Fatalf("want a parse error, got %v", err)
	}
}

// The SDK, not this test, is the judge of the format: the repo's @pulumi/pulumi reads configEnv's
// output and must find every value, with only the secret one marked secret.
func TestTheSDKReadsConfigEnv(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("node is not on PATH")
	}
	repoRoot, _ := filepath.Abs(filepath.Join("..", ".."))
	if _, err := os.Stat(filepath.Join(repoRoot, "node_modules", "@pulumi", "pulumi", "runtime", "config.js")); err != nil {
		t.Skip("the repo's node_modules are not installed (npm ci)")
	}
	// Prints what a program sees: plain values, and whether each key counts as secret.
	const script = `
const pulumi = require("@pulumi/pulumi");
const runtimeConfig = require("@pulumi/pulumi/runtime/config");
const bluejay = new pulumi.Config("bluejay");
const out = {
  all: runtimeConfig.allConfig(),
  x: new pulumi.Config("proj").get("x") ?? null,
  apiUrl: bluejay.get("apiUrl") ?? null,
  apiKeySecret: runtimeConfig.isConfigSecret("bluejay:apiKey"),
  apiUrlSecret: runtimeConfig.isConfigSecret("bluejay:apiUrl"),
};
process.stdout.write(JSON.stringify(out));
`
	run := func(t *testing.T, cfg map[string]string, secretKeys []string) map[string]any {
		t.Helper()
		lines, err := configEnv(cfg, secretKeys)
		if err != nil {
			t.Fatal(err)
		}
		cmd := exec.Command(node, "-e", script)
		cmd.Dir = repoRoot
		cmd.Env = append(os.Environ(), lines...)
		out, err := cmd.Output()
		if err != nil {
			var stderr string
			if ee, ok := err.(*exec.ExitError); ok {
				stderr = string(ee.Stderr)
			}
			t.Fatalf("node: %v\n%s", err, stderr)
		}
		var got map[string]any
		if err := json.Unmarshal(out, &got); err != nil {
			t.Fatalf("%v: %s", err, out)
		}
		return got
	}

	t.Run("no config at all", func(t *testing.T) {
		got := run(t, nil, nil)
		want := map[string]any{"all": map[string]any{}, "x": nil, "apiUrl": nil, "apiKeySecret": false, "apiUrlSecret": false}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("got %v, want %v", got, want)
		}
	})
	t.Run("config with a secret", func(t *testing.T) {
		got := run(t, map[string]string{"bluejay:apiKey": "k", "bluejay:apiUrl": "http://u", "proj:x": "y"},
			[]string{"bluejay:apiKey"})
		want := map[string]any{
			"all":          map[string]any{"bluejay:apiKey": "k", "bluejay:apiUrl": "http://u", "proj:x": "y"},
			"x":            "y",
			"apiUrl":       "http://u",
			"apiKeySecret": true,
			"apiUrlSecret": false,
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("got %v, want %v", got, want)
		}
	})
}

func TestWithRequire(t *testing.T) {
	cases := []struct{ name, nodeOptions, path, want string }{
		{"no NODE_OPTIONS", "", "/tmp/g/inspect-guard.js", `--require "/tmp/g/inspect-guard.js"`},
		{"the user's options stay first", "--max-old-space-size=4096", "/tmp/g/x.js",
			`--max-old-space-size=4096 --require "/tmp/g/x.js"`},
		{"quotes and backslashes escaped", "", `C:\Temp\a "b"\x.js`, `--require "C:\\Temp\\a \"b\"\\x.js"`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := withRequire(c.nodeOptions, c.path); got != c.want {
				t.Errorf("got %s, want %s", got, c.want)
			}
		})
	}
}

// The guard as Run loads it (NODE_OPTIONS, from a folder whose name needs quoting), judged by the
// node on PATH: an error whose stack would make util.inspect loop in color comes back at once and
// plain; any other error keeps its colors.
func TestInspectGuard(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("node is not on PATH")
	}
	dir := filepath.Join(t.TempDir(), `a "quoted" dir`)
	if err := os.Mkdir(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	guard := filepath.Join(dir, "inspect-guard.js")
	if err := os.WriteFile(guard, inspectGuard, 0o600); err != nil {
		t.Fatal(err)
	}
	const script = `
const util = require("util");
const withStack = (stack, extra) => Object.assign(new Error("boom"), { stack }, extra);
// What @pulumi/pulumi's source maps make of a frame in its output.js.
const looping = withStack("Error: boom\n    at applyHelperAsync (/app/node_modules/@pulumi/output.ts:516:31)");
const fine = withStack("Error: boom\n    at f (/app/node_modules/@pulumi/pulumi/output.js:1:1)");
const colored = (s) => s.includes("\x1b[");
process.stdout.write(JSON.stringify({
  looping: util.inspect(looping, { colors: true }) === util.inspect(looping),
  loopingCause: !colored(util.inspect(withStack("Error: outer\n    at g (/app/x.js:1:1)", { cause: looping }), { colors: true })),
  loopingLegacy: util.inspect(looping, false, 2, true) === util.inspect(looping),
  fine: colored(util.inspect(fine, { colors: true })),
  custom: typeof util.inspect.custom === "symbol" && util.inspect.defaultOptions.depth === 2,
}));
`
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second) // unguarded: 25 s and more
	defer cancel()
	cmd := exec.CommandContext(ctx, node, "-e", script)
	cmd.Env = append(os.Environ(), "NODE_OPTIONS="+withRequire("", guard))
	out, err := cmd.Output()
	if err != nil {
		var stderr string
		if ee, ok := err.(*exec.ExitError); ok {
			stderr = string(ee.Stderr)
		}
		t.Fatalf("node: %v\n%s", err, stderr)
	}
	var got map[string]bool
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	want := map[string]bool{"looping": true, "loopingCause": true, "loopingLegacy": true, "fine": true, "custom": true}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
}

// One file per version of the guard, in the user's cache folder: written once, and again only when
// what is there is not the guard.
func TestGuardFile(t *testing.T) {
	cache := t.TempDir()
	t.Setenv("XDG_CACHE_HOME", cache) // os.UserCacheDir on Linux
	t.Setenv("HOME", cache)           // and on macOS
	t.Setenv("LocalAppData", cache)   // and on Windows
	first, err := guardFile()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(first, cache) {
		t.Fatalf("%s is not under %s", first, cache)
	}
	if got, _ := os.ReadFile(first); !reflect.DeepEqual(got, inspectGuard) {
		t.Fatalf("%s does not hold the guard", first)
	}
	if err := os.WriteFile(first, []byte("half a file"), 0o600); err != nil {
		t.Fatal(err)
	}
	second, err := guardFile()
	if err != nil {
		t.Fatal(err)
	}
	if second != first {
		t.Errorf("second call: %s, first: %s", second, first)
	}
	if got, _ := os.ReadFile(second); !reflect.DeepEqual(got, inspectGuard) {
		t.Errorf("a damaged guard was not rewritten")
	}
	entries, _ := os.ReadDir(filepath.Dir(first))
	if len(entries) != 1 {
		t.Errorf("want only the guard in %s, got %d files", filepath.Dir(first), len(entries))
	}
}
