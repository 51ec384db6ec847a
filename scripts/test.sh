#!/usr/bin/env bash
# Every test tier, none skipped: typecheck, lint, format (Prettier), unit, integration on PGlite
# and on PostgreSQL, and browser journeys in headless Debian Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-deps.sh

export TEST_DATABASE_URL="${TEST_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/test}"
export CHROMIUM_PATH="${CHROMIUM_PATH:-/usr/bin/chromium}"

# Chromium for the browser tests, a CJK font so screenshots show Chinese, poppler for PDF pages,
# LibreOffice Calc so the imports are tested with workbooks real office software wrote.
if [ ! -x "$CHROMIUM_PATH" ] || ! fc-list 2>/dev/null | grep -qi "Noto Sans CJK" || ! command -v pdftoppm >/dev/null || ! command -v soffice >/dev/null; then
  echo "[setup] 安装 Debian chromium、fonts-noto-cjk、poppler-utils、libreoffice-calc-nogui …"
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium fonts-noto-cjk poppler-utils libreoffice-calc-nogui >/dev/null
fi

# PostgreSQL must answer: the PostgreSQL tier is never skipped silently.
node -e "
const pg = require('pg');
const c = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
c.connect().then(() => c.end()).catch((e) => { console.error('[test] 无法连接 TEST_DATABASE_URL=' + process.env.TEST_DATABASE_URL + ': ' + e.message); process.exit(1); });
"

results=.test-artifacts/results
rm -rf "$results" && mkdir -p "$results"
run_vitest() { # name, project, extra env…
  local name=$1 project=$2; shift 2
  echo; echo "==== $name ===="
  env "$@" npx vitest run --project "$project" --reporter=default --reporter=json --outputFile="$results/$name.json"
}

echo "==== typecheck ===="; npx tsc --noEmit -p tsconfig.json
echo "==== lint ===="; npx eslint .
echo "==== format ===="; npx prettier --check . --log-level warn
run_vitest unit unit
run_vitest integration-pglite integration TEST_DB=pglite
run_vitest integration-postgres integration TEST_DB=postgres
echo; echo "==== build web ===="; npx vite build --logLevel warn
run_vitest e2e e2e

node -e "
const fs = require('fs');
let passed = 0, failed = 0, skipped = 0;
for (const f of fs.readdirSync('$results')) {
  const r = JSON.parse(fs.readFileSync('$results/' + f, 'utf8'));
  passed += r.numPassedTests; failed += r.numFailedTests; skipped += r.numPendingTests + r.numTodoTests;
  console.log(f.replace('.json', '').padEnd(22), r.numPassedTests, 'passed,', r.numFailedTests, 'failed');
}
if (skipped) { console.error('skipped tests are not allowed: ' + skipped); process.exit(1); }
console.log(passed + ' passed, ' + failed + ' failed');
process.exit(failed ? 1 : 0);
"
