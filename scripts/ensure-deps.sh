#!/usr/bin/env bash
# Installs npm dependencies exactly as locked, only when they are missing or stale.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "[setup] 安装依赖 npm ci …"
  npm ci --no-audit --no-fund
fi
