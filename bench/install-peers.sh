#!/usr/bin/env bash
# Installs the peer tools `npm run bench` compares with, into the per-user cache (not the clone):
#   Checkov 3.3.30 from PyPI (its own venv), np-guard netpol-analyzer v1.3.1 built from Go modules.
# The bench sections find them there (or through CHECKOV / NETPOLICY, or on PATH) and skip without them.
set -euo pipefail
CHECKOV_VERSION=3.3.30
NETPOL_ANALYZER_VERSION=v1.3.1   # the newest the Go module proxy serves here (v1.4.0 → 403)

peers="${XDG_CACHE_HOME:-$HOME/.cache}/hospital-platform/peers"
mkdir -p "$peers/bin"

if [ ! -x "$peers/checkov-venv/bin/checkov" ] || [ "$("$peers/checkov-venv/bin/checkov" --version)" != "$CHECKOV_VERSION" ]; then
  python3 -m venv "$peers/checkov-venv"
  "$peers/checkov-venv/bin/pip" install --quiet "checkov==$CHECKOV_VERSION"
fi

# `go install …@version` asks the proxy for the module's version list (for deprecations), which the
# proxy here refuses; a throwaway module that requires the exact version builds the same package.
if [ ! -x "$peers/bin/netpolicy" ]; then
  module="$peers/netpol-analyzer-$NETPOL_ANALYZER_VERSION"
  mkdir -p "$module"
  printf 'module hospital-platform.bench/netpol-analyzer\n\ngo 1.24\n\nrequire github.com/np-guard/netpol-analyzer %s\n' "$NETPOL_ANALYZER_VERSION" > "$module/go.mod"
  (cd "$module" && GOFLAGS=-mod=mod GOTOOLCHAIN=local go build -trimpath -o "$peers/bin/netpolicy" github.com/np-guard/netpol-analyzer/cmd/netpolicy)
fi
echo "peers in $peers: checkov $("$peers/checkov-venv/bin/checkov" --version), netpolicy $NETPOL_ANALYZER_VERSION"
