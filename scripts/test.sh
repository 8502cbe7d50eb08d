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

# Every step but the browser tests runs beside the production build: svelte-check, Prettier,
# ESLint and Vitest (their output goes to test-reports/<step>.log, printed when a step fails). The
# browser tests start as soon as the build is done, while the others finish: on 2 cores the
# browser tests leave a quarter of the CPU idle (they wait on pages), which the rest fills.
# `svelte-kit sync` first: the build then finds its generated files unchanged and leaves them
# alone while svelte-check reads them.
mkdir -p test-reports
rm -f test-reports/vitest.json test-reports/playwright.json
npx svelte-kit sync
echo "== the production build, with svelte-check, lint, format and the unit tests (Vitest) beside it"
names=(svelte-check prettier eslint vitest)
pids=()
npx svelte-check --tsconfig ./tsconfig.json --fail-on-warnings >test-reports/svelte-check.log 2>&1 &
pids+=($!)
npx prettier --check . >test-reports/prettier.log 2>&1 &
pids+=($!)
npx eslint . >test-reports/eslint.log 2>&1 &
pids+=($!)
npx vitest run --reporter=default --reporter=json --outputFile.json=test-reports/vitest.json \
	>test-reports/vitest.log 2>&1 &
pids+=($!)
failed=0
if npm run build >test-reports/build.log 2>&1; then
	echo "   build: ok"
	echo "== browser tests (Playwright, Chromium), against that build (E2E_PREBUILT: no second build)"
	CI=${CI:-1} E2E_PREBUILT=1 PLAYWRIGHT_JSON_OUTPUT_NAME=test-reports/playwright.json \
		npx playwright test --reporter=list,json || failed=1
else
	echo "   build: FAILED"
	cat test-reports/build.log
	failed=1
fi
echo "== svelte-check, lint, format and the unit tests"
for i in "${!pids[@]}"; do
	if wait "${pids[$i]}"; then
		echo "   ${names[$i]}: ok"
	else
		echo "   ${names[$i]}: FAILED"
		cat "test-reports/${names[$i]}.log"
		failed=1
	fi
done
grep -E "Test Files|Tests  " test-reports/vitest.log | sed 's/\x1b\[[0-9;]*m//g' || true
node scripts/testSummary.mjs
exit "$failed"
