#!/usr/bin/env bash
# Every check ConvLab has, in the order a failure is cheapest to find:
# install → types → lint/format → unit tests (Node) → browser tests (Chromium).
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
	npm ci --no-audit --no-fund
fi

if [ -z "${CHROMIUM_PATH:-}" ] && ! command -v chromium >/dev/null 2>&1; then
	echo "Installing Debian's Chromium for the browser tests…"
	SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
	$SUDO apt-get update -qq
	$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi

echo "== svelte-check"; npm run --silent check
echo "== lint + format"; npm run --silent lint
rm -f test-reports/vitest.json test-reports/playwright.json
echo "== unit tests (Vitest, Node)"
npx vitest run --reporter=default --reporter=json --outputFile.json=test-reports/vitest.json
echo "== browser tests (Playwright, Chromium)"
CI=${CI:-1} PLAYWRIGHT_JSON_OUTPUT_NAME=test-reports/playwright.json \
	npx playwright test --reporter=list,json
node scripts/testSummary.mjs
