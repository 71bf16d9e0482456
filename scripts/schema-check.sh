#!/usr/bin/env bash
# Binds a Pulumi package schema with Pulumi's own binder (tools/pulumi-schema-check) and, with
# `-nodejs DIR`, generates its Node.js SDK there. Builds the tool first when no build of its current
# sources is cached (outside the repo, beside the Pulumi CLI's cache), then runs it with the given
# arguments: see tools/pulumi-schema-check/main.go. Build progress goes to stderr.
#
#   bash scripts/schema-check.sh [-json] [-nodejs DIR] SCHEMA.json
set -euo pipefail

log() { echo "schema-check: $*" >&2; }
fail() {
  echo "schema-check: error: $*" >&2
  exit 2
}

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cache_root="${PULUMI_BLUEJAY_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-bluejay}"
src="$repo_root/tools/pulumi-schema-check"
tool_dir="$cache_root/pulumi-schema-check"
tool="$tool_dir/pulumi-schema-check"

# Rebuilt whenever its sources change, so a cached build never runs stale code.
stamp() { cat "$src/main.go" "$src/go.mod" "$src/go.sum" | sha256sum | cut -d' ' -f1; }

if [ ! -x "$tool" ] || [ "$(cat "$tool_dir/.sources.sha256" 2>/dev/null)" != "$(stamp)" ]; then
  command -v go >/dev/null 2>&1 || PATH="$PATH:/usr/local/go/bin"
  command -v go >/dev/null 2>&1 \
    || fail "Go is needed to build tools/pulumi-schema-check and was not found on PATH or in /usr/local/go/bin. Install Go 1.25+."
  mkdir -p "$tool_dir"
  log "compiling tools/pulumi-schema-check (a minute or more the first time)"
  start=$(date +%s)
  # Built aside and moved in, so a concurrent run never starts a half-written binary.
  aside="$tool.building-$$"
  (cd "$src" && CGO_ENABLED=0 GOFLAGS=-mod=readonly go build -trimpath -o "$aside" .) >&2 \
    || {
      rm -f "$aside"
      fail "building tools/pulumi-schema-check failed"
    }
  mv -f "$aside" "$tool"
  stamp >"$tool_dir/.sources.sha256"
  log "built in $(($(date +%s) - start))s"
fi

exec "$tool" "$@"
