#!/usr/bin/env bash
# One command to run the product: installs, builds the web app, migrates the
# database (embedded PGlite in $DATA_DIR unless DATABASE_URL is set), loads the
# demo data on first start and serves on http://localhost:$PORT.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-deps.sh
echo "[setup] 构建网页 …"
npx vite build --logLevel warn
export DEMO_DATA="${DEMO_DATA:-1}"
exec npx tsx src/server/main.ts
