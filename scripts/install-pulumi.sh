#!/usr/bin/env bash
# Makes a Pulumi CLI (v3.248.0, matching the @pulumi/pulumi SDK) available without downloading a
# prebuilt binary: uses `pulumi` from PATH, else a cached build, else builds the CLI from its Go
# module, plus our Node.js language host from tools/pulumi-language-nodejs (Pulumi's own language
# host module is not served by the Go module proxy). Progress goes to stderr; the last line printed
# on stdout is the folder holding `pulumi`.
set -euo pipefail

PULUMI_VERSION="v3.248.0"

log() { echo "install-pulumi: $*" >&2; }
fail() {
  echo "install-pulumi: error: $*" >&2
  exit 1
}

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cache_root="${PULUMI_BLUEJAY_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-bluejay}"
bin_dir="$cache_root/pulumi-$PULUMI_VERSION/bin"
host_src="$repo_root/tools/pulumi-language-nodejs"

# The dynamic-provider plugin ships inside @pulumi/pulumi; the engine looks for it next to `pulumi`.
# A copy, not a link: the shim resolves the SDK from the working directory, so any checkout can use it.
copy_nodejs_provider() {
  local shim="$repo_root/node_modules/@pulumi/pulumi/pulumi-resource-pulumi-nodejs"
  if [ -f "$shim" ]; then
    cp -f "$shim" "$bin_dir/pulumi-resource-pulumi-nodejs"
  else
    log "warning: node_modules/@pulumi/pulumi is not installed yet; run 'npm ci' before using dynamic providers"
  fi
}

require_go() {
  command -v go >/dev/null 2>&1 || PATH="$PATH:/usr/local/go/bin"
  command -v go >/dev/null 2>&1 \
    || fail "Go is needed to build the Pulumi CLI and was not found on PATH or in /usr/local/go/bin. Install Go 1.24+ or put a 'pulumi' binary on PATH."
}

# The language host is rebuilt whenever its sources change (the script it embeds included), so a
# cached build never runs stale code.
host_stamp() {
  cat "$host_src/main.go" "$host_src/inspect-guard.js" "$host_src/go.mod" "$host_src/go.sum" | sha256sum | cut -d' ' -f1
}

build_language_host() {
  log "compiling pulumi-language-nodejs (tools/pulumi-language-nodejs)"
  (cd "$host_src" && CGO_ENABLED=0 GOFLAGS=-mod=readonly go build -trimpath \
    -ldflags "-s -w -X main.version=${PULUMI_VERSION#v}" -o "$bin_dir/pulumi-language-nodejs" .) >&2 \
    || fail "building pulumi-language-nodejs from tools/pulumi-language-nodejs failed"
  host_stamp >"$bin_dir/.language-host.sha256"
}

# 1. A user's own CLI.
if command -v pulumi >/dev/null 2>&1 && [ "$(dirname "$(command -v pulumi)")" != "$bin_dir" ]; then
  log "using pulumi from PATH: $(command -v pulumi) ($(pulumi version 2>/dev/null || echo unknown version))"
  command -v pulumi-language-nodejs >/dev/null 2>&1 || log "warning: pulumi-language-nodejs is not on PATH"
  dirname "$(command -v pulumi)"
  exit 0
fi

mkdir -p "$bin_dir"

# 2. A cached build.
if [ -x "$bin_dir/pulumi" ] && [ "$("$bin_dir/pulumi" version 2>/dev/null)" = "$PULUMI_VERSION" ]; then
  if [ ! -x "$bin_dir/pulumi-language-nodejs" ] || [ "$(cat "$bin_dir/.language-host.sha256" 2>/dev/null)" != "$(host_stamp)" ]; then
    require_go
    build_language_host
  fi
  log "using cached build in $bin_dir"
  copy_nodejs_provider
  echo "$bin_dir"
  exit 0
fi

# 3. A fresh build.
require_go
start=$(date +%s)
work="$cache_root/build-$PULUMI_VERSION"
mkdir -p "$work"
log "building Pulumi $PULUMI_VERSION from Go modules in $work (about 8-15 minutes on 2 cores the first time)"
cd "$work"
export CGO_ENABLED=0
if [ ! -f go.mod ]; then
  go mod init pulumi-build >/dev/null 2>&1
  # Pulumi's own go.mod carries this replace and `go install mod@version` refuses such modules, so a
  # throwaway wrapper module re-declares it.
  go mod edit -replace github.com/atotto/clipboard=github.com/tgummerer/clipboard@v0.0.0-20241001131231-d02d263e614e
fi

log "resolving modules (go get)"
GOFLAGS=-mod=mod go get "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi@$PULUMI_VERSION" \
  "github.com/pulumi/pulumi/sdk/v3@$PULUMI_VERSION" >&2 \
  || fail "could not fetch the Pulumi CLI modules. Check that the Go module proxy is reachable (GOPROXY=$(go env GOPROXY)); if only the checksum database is unreachable, set GONOSUMDB=github.com/pulumi or GOSUMDB=off."

build_language_host

log "compiling pulumi (the longest step)"
# Release build settings; the version must be stamped or the Automation API rejects the CLI.
GOFLAGS=-mod=mod go build -trimpath -tags osusergo,grpcnotrace -p "${PULUMI_BUILD_JOBS:-2}" \
  -ldflags "-s -w -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=$PULUMI_VERSION" \
  -o "$bin_dir/pulumi" github.com/pulumi/pulumi/pkg/v3/cmd/pulumi >&2 \
  || fail "building pulumi failed (if the linker was killed for lack of memory, retry with PULUMI_BUILD_JOBS=1)"

got="$("$bin_dir/pulumi" version 2>/dev/null || true)"
[ "$got" = "$PULUMI_VERSION" ] || fail "the built pulumi reports version '$got', expected $PULUMI_VERSION"
copy_nodejs_provider
log "built Pulumi $PULUMI_VERSION in $(($(date +%s) - start))s"
echo "$bin_dir"
