#!/usr/bin/env bash
# Builds, from Go modules, the real parts that `npm run test:cluster` runs: etcd, kube-apiserver,
# kube-controller-manager, kube-scheduler and kwok. Each part is cached outside the clone, keyed by its
# versions and the Go version, so clean clones on the same machine reuse it; test/cluster/.toolset.json
# (ignored) points at them. `providers` asks the Go module proxy for the Terraform provider releases
# the synthesized stacks pin (kubernetes v2.38.0, helm v3.1.1); it serves neither (docs/quality.md).
#
# usage: test/cluster/build.sh [kubernetes|etcd|kwok|providers]...   (default: etcd kubernetes kwok)
# exit:  0 built or cached · 3 a Terraform provider version is not served by the Go module proxy
# env:   HOSPITAL_CLUSTER_CACHE  cache root (default ${XDG_CACHE_HOME:-~/.cache}/hospital-platform/cluster)
set -euo pipefail

KUBERNETES_VERSION=v1.35.4      # the only v1.35 patch the Go proxy serves for k8s.io/kubernetes
STAGING_VERSION=v0.35.4         # the published staging modules of that release (k8s.io/api, …)
ETCD_VERSION=v3.6.17            # go.etcd.io/etcd/server/v3: the etcd binary (Debian's 3.4.23 is too old)
KWOK_VERSION=v0.7.0             # sigs.k8s.io/kwok: fake nodes, so that scheduled pods become Ready

here="$(cd "$(dirname "$0")" && pwd)"
cache_root="${HOSPITAL_CLUSTER_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/hospital-platform/cluster}"
go_version="$(go env GOVERSION)"
export GOFLAGS="-mod=mod -buildvcs=false"
export GOTOOLCHAIN=local        # never fetch another Go: the key names the Go that built it

log() { printf '[cluster build] %s\n' "$*" >&2; }

# Writes a go.mod for a throwaway module at $1 with the given body, only when it changed (keeps go.sum).
write_module() {
  local dir="$1" body="$2"
  mkdir -p "$dir"
  if [ ! -f "$dir/go.mod" ] || [ "$(cat "$dir/go.mod")" != "$body" ]; then
    printf '%s\n' "$body" > "$dir/go.mod"
    rm -f "$dir/go.sum"
  fi
}

build_kubernetes() {
  local out="$cache_root/kubernetes-$KUBERNETES_VERSION-$go_version"
  if [ -x "$out/bin/kube-apiserver" ] && [ -x "$out/bin/kube-controller-manager" ] && [ -x "$out/bin/kube-scheduler" ]; then
    log "kubernetes $KUBERNETES_VERSION: cached in $out"; return
  fi
  local src="$out/module"
  # k8s.io/kubernetes requires its staging modules at v0.0.0 and replaces them with ./staging paths,
  # which a dependency's replaces cannot do: replace each by its published release instead.
  local kube_mod
  kube_mod="$(cd /tmp && go mod download -json "k8s.io/kubernetes@$KUBERNETES_VERSION" | sed -n 's/.*"GoMod": "\(.*\)",*/\1/p')"
  local replaces
  replaces="$(sed -n '/^replace (/,/^)/p' "$kube_mod" | awk '$2 == "=>" && $3 ~ /^\.\/staging\// { printf "\t%s => %s '"$STAGING_VERSION"'\n", $1, $1 }')"
  write_module "$src" "module hospital-platform.test/cluster-build/kubernetes

go 1.25.0

require k8s.io/kubernetes $KUBERNETES_VERSION

replace (
$replaces
)"
  local minor="${KUBERNETES_VERSION#v1.}"; minor="${minor%%.*}"
  local ldflags="-s -w"
  for pkg in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
    ldflags+=" -X $pkg.gitVersion=$KUBERNETES_VERSION -X $pkg.gitMajor=1 -X $pkg.gitMinor=$minor"
    ldflags+=" -X $pkg.gitTreeState=clean -X $pkg.buildDate=1970-01-01T00:00:00Z"
  done
  log "kubernetes $KUBERNETES_VERSION (staging $STAGING_VERSION): building kube-apiserver, kube-controller-manager, kube-scheduler …"
  mkdir -p "$out/bin.partial"
  # One go build for all three binaries: one module graph, one shared compile of the common packages.
  # `providerless` leaves out the in-tree cloud providers, which a loopback cluster never uses.
  (cd "$src" && go build -trimpath -tags providerless -ldflags "$ldflags" -o "$out/bin.partial/" \
    k8s.io/kubernetes/cmd/kube-apiserver k8s.io/kubernetes/cmd/kube-controller-manager k8s.io/kubernetes/cmd/kube-scheduler)
  rm -rf "$out/bin" && mv "$out/bin.partial" "$out/bin"
  log "kubernetes: $(du -sh "$out/bin" | cut -f1) in $out/bin"
}

# Builds one main package of module $2@$3 in a throwaway module (the modules' own replace directives
# point at sibling folders of their repository, so `go install module@version` refuses them).
build_module_binary() {
  local name="$1" module="$2" version="$3" package="$4" out="$5"
  if [ -x "$out/bin/$name" ]; then log "$name $version: cached in $out"; return; fi
  write_module "$out/module" "module hospital-platform.test/cluster-build/$name

go 1.26.0

require $module $version"
  log "$name $version: building $package …"
  mkdir -p "$out/bin.partial"
  (cd "$out/module" && go build -trimpath -ldflags "-s -w" -o "$out/bin.partial/$name" "$package")
  rm -rf "$out/bin" && mv "$out/bin.partial" "$out/bin"
}

build_etcd() {
  build_module_binary etcd go.etcd.io/etcd/server/v3 "$ETCD_VERSION" go.etcd.io/etcd/server/v3 \
    "$cache_root/etcd-$ETCD_VERSION-$go_version"
}

build_kwok() {
  build_module_binary kwok sigs.k8s.io/kwok "$KWOK_VERSION" sigs.k8s.io/kwok/cmd/kwok \
    "$cache_root/kwok-$KWOK_VERSION-$go_version"
}

# The Terraform providers, from source at their release commits. Their release tags (v2.38.0, v3.1.1)
# are not Go versions of these modules (no /v2, /v3 suffix), so only a pseudo-version can name them.
# The Go module proxy reachable here refuses every form of those versions: record what it answers.
check_providers() {
  local blocked=0
  for query in github.com/hashicorp/terraform-provider-kubernetes@v2.38.0 github.com/hashicorp/terraform-provider-helm@v3.1.1; do
    local answer
    if ! answer="$(cd /tmp && GOPROXY="$(go env GOPROXY | cut -d, -f1)" go list -m -json "$query" 2>&1)"; then
      log "provider not served: go list -m -json $query → $(printf '%s' "$answer" | tr '\n' ' ')"
      blocked=1
    fi
  done
  return "$blocked"
}

# The repository's pointer to the cached parts: absolute paths for the test, per clone, never committed.
write_toolset() {
  cat > "$here/.toolset.json" <<JSON
{
  "cacheRoot": "$cache_root",
  "kubernetesVersion": "$KUBERNETES_VERSION",
  "etcdVersion": "$ETCD_VERSION",
  "kwokVersion": "$KWOK_VERSION",
  "binaries": {
    "kube-apiserver": "$cache_root/kubernetes-$KUBERNETES_VERSION-$go_version/bin/kube-apiserver",
    "kube-controller-manager": "$cache_root/kubernetes-$KUBERNETES_VERSION-$go_version/bin/kube-controller-manager",
    "kube-scheduler": "$cache_root/kubernetes-$KUBERNETES_VERSION-$go_version/bin/kube-scheduler",
    "etcd": "$cache_root/etcd-$ETCD_VERSION-$go_version/bin/etcd",
    "kwok": "$cache_root/kwok-$KWOK_VERSION-$go_version/bin/kwok"
  }
}
JSON
  log "toolset: $here/.toolset.json (cache: $cache_root)"
}

main() {
  mkdir -p "$cache_root"
  local parts=("$@"); [ "${#parts[@]}" -gt 0 ] || parts=(etcd kubernetes kwok)
  for part in "${parts[@]}"; do
    case "$part" in
      kubernetes) build_kubernetes ;;
      etcd) build_etcd ;;
      kwok) build_kwok ;;
      providers) check_providers || exit 3 ;;
      *) log "unknown part: $part (kubernetes, etcd, kwok, providers)"; exit 2 ;;
    esac
  done
  write_toolset
}

main "$@"
