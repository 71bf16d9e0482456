// Command pulumi-language-nodejs is a small Node.js language host for the Pulumi engine.
//
// Pulumi's own Node.js language host is a separate Go module that the module proxy our machines
// reach does not serve, so `scripts/install-pulumi.sh` builds this one instead. It implements the
// part of the LanguageRuntime service that `pulumi preview/up/refresh/destroy` use: it spawns
// `@pulumi/pulumi/cmd/run` (resolved from the program's folder) with the engine's arguments and the
// stack config in the environment, exactly as the SDK's run script expects, and preloads
// inspect-guard.js, which works around a Node.js bug in how failures are printed. Everything else
// (dependency installs, code generation, plugin discovery) answers Unimplemented, which the engine
// treats as "nothing to do".
package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/config"
	"github.com/pulumi/pulumi/sdk/v3/go/common/util/rpcutil"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/grpc"
	"google.golang.org/protobuf/types/known/emptypb"
)

// version is set at build time with -ldflags "-X main.version=…".
var version = "3.248.0"

// inspectGuard is preloaded into the program: it keeps a Node.js bug in util.inspect from holding a
// failing program for most of a minute before it reports (see the file).
//
//go:embed inspect-guard.js
var inspectGuard []byte

// bailExitCode is what @pulumi/pulumi/cmd/run exits with after it has already shown the error.
const bailExitCode = 32

func main() {
	// The engine passes its own flags (--logtostderr, -v=N, --tracing URL, -root=DIR) before the
	// engine address, which always comes last.
	args := os.Args[1:]
	var engineAddress, tracing string
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "--tracing" || a == "-tracing":
			if i+1 < len(args) {
				tracing = args[i+1]
				i++
			}
		case strings.HasPrefix(a, "-"):
			// Other engine flags carry their value inline (-v=9, -root=…) or are booleans.
		default:
			engineAddress = a
		}
	}

	nodeBin, err := exec.LookPath("node")
	if err != nil {
		fmt.Fprintln(os.Stderr, "pulumi-language-nodejs: could not find node on PATH; install Node.js 20 or newer")
		os.Exit(1)
	}

	handle, err := rpcutil.ServeWithOptions(rpcutil.ServeOptions{
		Init: func(srv *grpc.Server) error {
			pulumirpc.RegisterLanguageRuntimeServer(srv, &host{nodeBin: nodeBin, engine: engineAddress, tracing: tracing})
			return nil
		},
	})
	if err != nil {
		fmt.Fprintf(os.Stderr, "pulumi-language-nodejs: could not start the gRPC server: %v\n", err)
		os.Exit(1)
	}
	// The engine reads the port from our first line of output.
	fmt.Printf("%d\n", handle.Port)
	if err := <-handle.Done; err != nil {
		fmt.Fprintf(os.Stderr, "pulumi-language-nodejs: server stopped: %v\n", err)
		os.Exit(1)
	}
}

type host struct {
	pulumirpc.UnimplementedLanguageRuntimeServer
	nodeBin string
	engine  string
	tracing string
}

func (h *host) GetPluginInfo(context.Context, *emptypb.Empty) (*pulumirpc.PluginInfo, error) {
	return &pulumirpc.PluginInfo{Version: version}, nil
}

func (h *host) Run(ctx context.Context, req *pulumirpc.RunRequest) (*pulumirpc.RunResponse, error) {
	info := req.GetInfo()
	programDir := req.GetPwd()
	entryPoint := "."
	var options map[string]any
	if info != nil {
		if d := info.GetProgramDirectory(); d != "" {
			programDir = d
		}
		if e := info.GetEntryPoint(); e != "" {
			entryPoint = e
		}
		options = info.GetOptions().AsMap()
	}

	runScript, err := h.resolveRunScript(ctx, programDir)
	if err != nil {
		return &pulumirpc.RunResponse{Error: err.Error()}, nil
	}

	args := []string{runScript}
	add := func(flag, value string) {
		if value != "" {
			args = append(args, "--"+flag, value)
		}
	}
	add("monitor", req.GetMonitorAddress())
	add("engine", h.engine)
	add("organization", req.GetOrganization())
	add("project", req.GetProject())
	add("stack", req.GetStack())
	add("pwd", req.GetPwd())
	if info != nil {
		add("root-directory", info.GetRootDirectory())
	}
	if req.GetDryRun() {
		args = append(args, "--dry-run")
	}
	add("parallel", strconv.Itoa(int(req.GetParallel())))
	add("tracing", h.tracing)
	args = append(args, entryPoint)
	args = append(args, req.GetArgs()...)

	configEnv, err := configEnv(req.GetConfig(), req.GetConfigSecretKeys())
	if err != nil {
		return &pulumirpc.RunResponse{Error: err.Error()}, nil
	}
	env := append(os.Environ(), configEnv...)
	// Pulumi.yaml runtime options, with the same defaults as Pulumi's host: TypeScript on.
	typescript := true
	if v, ok := options["typescript"].(bool); ok {
		typescript = v
	}
	env = append(env, "PULUMI_NODEJS_TYPESCRIPT="+strconv.FormatBool(typescript))
	if v, ok := options["tsconfig"].(string); ok && v != "" {
		env = append(env, "PULUMI_NODEJS_TSCONFIG_PATH="+v)
	}
	nodeArgs := []string{}
	if v, ok := options["nodeargs"].(string); ok && v != "" {
		nodeArgs = strings.Fields(v)
	}

	// Through NODE_OPTIONS, not the command line: the run script turns off its automatic ESM mode when
	// it sees --require among node's arguments. Without the guard the program still runs, only slower
	// to report a failure.
	guard, err := guardFile()
	if err != nil {
		fmt.Fprintf(os.Stderr, "pulumi-language-nodejs: warning: could not write inspect-guard.js (%v); "+
			"if the program fails, its error may take a minute to show\n", err)
	} else {
		env = append(env, "NODE_OPTIONS="+withRequire(os.Getenv("NODE_OPTIONS"), guard))
	}

	cmd := exec.CommandContext(ctx, h.nodeBin, append(nodeArgs, args...)...)
	cmd.Dir = req.GetPwd()
	cmd.Env = env
	cmd.Stdout = os.Stdout
	cmd.Stderr = os.Stderr
	if err := cmd.Run(); err != nil {
		var exitErr *exec.ExitError
		if errors.As(err, &exitErr) {
			if exitErr.ExitCode() == bailExitCode {
				return &pulumirpc.RunResponse{Bail: true}, nil
			}
			return &pulumirpc.RunResponse{Error: fmt.Sprintf("Program exited with non-zero exit code: %d", exitErr.ExitCode())}, nil
		}
		return &pulumirpc.RunResponse{Error: fmt.Sprintf("could not run the Node.js program: %v", err)}, nil
	}
	return &pulumirpc.RunResponse{}, nil
}

// configEnv is the stack config as the SDK reads it from the environment (runtime/config.js),
// serialized exactly as Pulumi's own Node.js host does. The engine sends an empty config as a nil
// map, and json.Marshal(nil map) is `null`, on which the SDK's parseConfig throws; so nil (and
// empty) is `{}`, and no secret keys is `[]`. Values arrive decrypted; the keys of secret ones go
// in PULUMI_CONFIG_SECRET_KEYS as the engine names them (`ns:name`), which is what the SDK looks up.
func configEnv(cfg map[string]string, secretKeys []string) ([]string, error) {
	// Pulumi's host writes keys as `ns:config:name`, the form older SDKs read; the SDK's cleanKey
	// turns them back into `ns:name`.
	legacy := make(map[string]string, len(cfg))
	for k, v := range cfg {
		key, err := config.ParseKey(k)
		if err != nil {
			return nil, fmt.Errorf("failed to serialize configuration: %w", err)
		}
		legacy[key.Namespace()+":config:"+key.Name()] = v
	}
	configJSON, err := json.Marshal(legacy)
	if err != nil {
		return nil, fmt.Errorf("failed to serialize configuration: %w", err)
	}
	if secretKeys == nil {
		secretKeys = []string{}
	}
	secretKeysJSON, err := json.Marshal(secretKeys)
	if err != nil {
		return nil, fmt.Errorf("failed to serialize configuration secret keys: %w", err)
	}
	return []string{
		"PULUMI_CONFIG=" + string(configJSON),
		"PULUMI_CONFIG_SECRET_KEYS=" + string(secretKeysJSON),
	}, nil
}

// guardFile is the path of inspect-guard.js, written once per version of it under the user's cache
// folder: a file per Run would be left behind whenever the engine kills this host before Run returns,
// which it does when an update fails.
func guardFile() (string, error) {
	cache, err := os.UserCacheDir()
	if err != nil {
		return "", err
	}
	sum := sha256.Sum256(inspectGuard)
	dir := filepath.Join(cache, "pulumi-language-nodejs")
	path := filepath.Join(dir, fmt.Sprintf("inspect-guard-%x.js", sum[:8]))
	if existing, err := os.ReadFile(path); err == nil && bytes.Equal(existing, inspectGuard) {
		return path, nil
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", err
	}
	// Written aside and renamed, so a host running at the same time never loads half a file.
	tmp, err := os.CreateTemp(dir, "inspect-guard-*.tmp")
	if err != nil {
		return "", err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(inspectGuard); err != nil {
		tmp.Close()
		return "", err
	}
	if err := tmp.Close(); err != nil {
		return "", err
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return "", err
	}
	return path, nil
}

// withRequire adds `--require path` to a NODE_OPTIONS value, quoted the way Node.js splits it.
func withRequire(nodeOptions, path string) string {
	quoted := `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(path) + `"`
	return strings.TrimSpace(nodeOptions + " --require " + quoted)
}

// resolveRunScript finds @pulumi/pulumi/cmd/run the way Node would from the program's folder, so
// the program and the run script share one copy of the SDK.
func (h *host) resolveRunScript(ctx context.Context, programDir string) (string, error) {
	cmd := exec.CommandContext(ctx, h.nodeBin, "-e", "process.stdout.write(require.resolve('@pulumi/pulumi/cmd/run'))")
	cmd.Dir = programDir
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("It looks like the Pulumi SDK has not been installed in %s. Have you run npm install?",
			filepath.Clean(programDir))
	}
	return string(out), nil
}
