#!/usr/bin/env bash
# Set-up of a machine for pipeline-harness, idempotent: system packages (as root on Debian),
# npm packages, the dbt virtualenv, actionlint, a running container engine and, with --images,
# the core images (pulled where a registry answers, forged here otherwise).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
cache="$root/.cache"
mkdir -p "$cache"
step() { printf '\n==> %s\n' "$*"; }

want_images=false
for arg in "$@"; do
  case "$arg" in
    --images) want_images=true ;;
    *) echo "setup: unknown option $arg (known: --images)" >&2; exit 2 ;;
  esac
done

# System packages: the Docker engine, debootstrap for the forge's base image, Chromium for the report
# test, Maven and a JDK for the forge (Maven artifacts; P15's application is compiled on the host).
missing=()
command -v dockerd >/dev/null || missing+=(docker.io)
command -v debootstrap >/dev/null || missing+=(debootstrap)
command -v chromium >/dev/null || missing+=(chromium)
command -v python3 >/dev/null || missing+=(python3)
python3 -c 'import venv, ensurepip' 2>/dev/null || missing+=(python3-venv)
command -v mvn >/dev/null || missing+=(maven)
command -v javac >/dev/null || missing+=(openjdk-17-jdk-headless)
# As root directly; as another user through sudo where it may be used without a password prompt
# failing (a CI runner, a developer with sudo).
as_root=()
[[ $(id -u) -eq 0 ]] || as_root=(sudo)
if ((${#missing[@]})); then
  if command -v apt-get >/dev/null && { [[ $(id -u) -eq 0 ]] || sudo -n true 2>/dev/null; }; then
    step "installing ${missing[*]}"
    "${as_root[@]}" apt-get update -qq
    "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" iptables ca-certificates >/dev/null
  else
    echo "setup: missing ${missing[*]}; install them (Debian: sudo apt-get install ${missing[*]})" >&2
  fi
fi

step "npm packages"
if [[ ! -f node_modules/.package-lock.json || package-lock.json -nt node_modules/.package-lock.json ]]; then
  npm ci --no-audit --no-fund
else
  echo "up to date"
fi

step "dbt virtualenv (.cache/venv)"
stamp="$cache/venv/.requirements.sha256"
want=$(sha256sum dbt/requirements.txt | cut -d' ' -f1)
if [[ ! -x "$cache/venv/bin/dbt" || "$(cat "$stamp" 2>/dev/null)" != "$want" ]]; then
  python3 -m venv "$cache/venv"
  "$cache/venv/bin/pip" install --quiet --disable-pip-version-check -r dbt/requirements.txt
  echo "$want" >"$stamp"
fi
"$cache/venv/bin/dbt" --version | head -1

step "actionlint (for the workflow test)"
actionlint_version=v1.7.12
if [[ ! -x "$cache/bin/actionlint" ]] || ! "$cache/bin/actionlint" -version | grep -q "${actionlint_version#v}"; then
  # Go's own installer puts it in /usr/local/go/bin, on root's PATH only (a user's login PATH lacks it).
  go=$(command -v go || true)
  [[ -z $go && -x /usr/local/go/bin/go ]] && go=/usr/local/go/bin/go
  if [[ -z $go ]]; then
    echo "setup: no Go toolchain to build actionlint; install Go (https://go.dev/dl) and rerun" >&2
    exit 1
  fi
  GOBIN="$cache/bin" "$go" install "github.com/rhysd/actionlint/cmd/actionlint@$actionlint_version"
fi
"$cache/bin/actionlint" -version | head -1

step "container engine"
node bin/harness.js engine up || echo "setup: no container engine; container suites will be SKIPPED"

if $want_images; then
  step "core images (P00, P01, P12; others are built when their pipeline runs)"
  node bin/harness.js images build --core
fi
