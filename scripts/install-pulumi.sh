#!/usr/bin/env bash
# Makes a Pulumi CLI (v3.248.0, matching the @pulumi/pulumi SDK) available without downloading
# a prebuilt binary: uses `pulumi` from PATH, else a cached build, else builds the CLI from its Go
# module and our Node.js language host from tools/pulumi-language-nodejs (Pulumi's own language
# host module is not served by the module proxy). The last line printed is the folder holding `pulumi`.
set -euo pipefail

PULUMI_VERSION="v3.248.0"

log() { echo "install-pulumi: $*" >&2; }
fail() { echo "install-pulumi: error: $*" >&2; exit 1; }

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cache_root="${PULUMI_BLUEJAY_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-bluejay}"
bin_dir="$cache_root/pulumi-$PULUMI_VERSION/bin"

# The dynamic-provider plugin ships inside @pulumi/pulumi; the engine finds it next to `pulumi`.
link_nodejs_provider() {
  local target_dir="$1" shim="$repo_root/node_modules/@pulumi/pulumi/pulumi-resource-pulumi-nodejs"
  if [ ! -f "$shim" ]; then
    log "warning: node_modules/@pulumi/pulumi is not installed yet; run 'npm ci' before using dynamic providers"
    return 0
  fi
  if [ -w "$target_dir" ]; then
    # A copy, not a link: the shim resolves the SDK from the working directory, so any checkout can use it.
    cp -f "$shim" "$target_dir/pulumi-resource-pulumi-nodejs"
  fi
}

if command -v pulumi >/dev/null 2>&1 && [ -z "${PULUMI_BLUEJAY_FORCE_BUILD:-}" ]; then
  existing="$(dirname "$(command -v pulumi)")"
  if [ "$existing" != "$bin_dir" ]; then
    log "using pulumi from PATH: $(command -v pulumi) ($(pulumi version 2>/dev/null || echo unknown version))"
    command -v pulumi-language-nodejs >/dev/null 2>&1 || log "warning: pulumi-language-nodejs is not on PATH"
    echo "$existing"
    exit 0
  fi
fi

if [ -x "$bin_dir/pulumi" ] && [ -x "$bin_dir/pulumi-language-nodejs" ] \
  && [ "$("$bin_dir/pulumi" version 2>/dev/null)" = "$PULUMI_VERSION" ]; then
  log "using cached build in $bin_dir"
  link_nodejs_provider "$bin_dir"
  echo "$bin_dir"
  exit 0
fi

command -v go >/dev/null 2>&1 || PATH="$PATH:/usr/local/go/bin"
command -v go >/dev/null 2>&1 || fail "Go is needed to build the Pulumi CLI and was not found on PATH or in /usr/local/go/bin. Install Go 1.22+ or put a 'pulumi' binary on PATH."

work="$cache_root/build-$PULUMI_VERSION"
mkdir -p "$work" "$bin_dir"
log "building Pulumi $PULUMI_VERSION from Go modules in $work (the first build takes 10-30 minutes on 2 cores)"
start=$(date +%s)

cd "$work"
export GOFLAGS="${GOFLAGS:-} -mod=mod"
export CGO_ENABLED=0
# Linking the CLI is memory-hungry; two parallel jobs fit a small machine.
export GOMAXPROCS="${GOMAXPROCS:-2}"
if [ ! -f go.mod ]; then
  go mod init pulumi-build >/dev/null 2>&1
  # Pulumi's own go.mod carries this replace; `go install mod@ver` refuses it, so a wrapper module re-declares it.
  go mod edit -replace github.com/atotto/clipboard=github.com/tgummerer/clipboard@v0.0.0-20241001131231-d02d263e614e
fi

log "resolving modules (go get)"
go get "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi@$PULUMI_VERSION" "github.com/pulumi/pulumi/sdk/v3@$PULUMI_VERSION" >&2 \
  || fail "could not fetch the Pulumi CLI modules. Check that the Go module proxy is reachable (GOPROXY=$(go env GOPROXY)); if only the checksum database is unreachable, set GONOSUMDB=github.com/pulumi or GOSUMDB=off."

ldflags="-s -w -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=$PULUMI_VERSION"
build_flags=(-trimpath -tags osusergo,grpcnotrace -p "${PULUMI_BUILD_JOBS:-2}" -ldflags "$ldflags")

log "compiling pulumi-language-nodejs (tools/pulumi-language-nodejs)"
(cd "$repo_root/tools/pulumi-language-nodejs" && go build -trimpath -ldflags "-s -w -X main.version=${PULUMI_VERSION#v}" \
  -o "$bin_dir/pulumi-language-nodejs" .) >&2 \
  || fail "building pulumi-language-nodejs from tools/pulumi-language-nodejs failed"
log "compiling pulumi (the longest step)"
go build "${build_flags[@]}" -o "$bin_dir/pulumi" github.com/pulumi/pulumi/pkg/v3/cmd/pulumi >&2 \
  || fail "building pulumi failed (if the linker was killed for memory, retry with PULUMI_BUILD_JOBS=1)"

got="$("$bin_dir/pulumi" version 2>/dev/null || true)"
[ "$got" = "$PULUMI_VERSION" ] || fail "the built pulumi reports version '$got', expected $PULUMI_VERSION"
link_nodejs_provider "$bin_dir"
log "built Pulumi $PULUMI_VERSION in $(( $(date +%s) - start ))s"
echo "$bin_dir"
