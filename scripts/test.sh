#!/usr/bin/env bash
# Every check ConvLab has, in the order a failure is cheapest to find:
# install → types → lint/format → unit tests (Node) → browser tests (Chromium).
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
	npm ci --no-audit --no-fund
fi

# Debian's Chromium (the benchmarks and screenshots) and its headless shell (the browser tests:
# the same engine without the full browser's UI, ~17 % less CPU per test; scripts/chromium.js).
if [ -z "${CHROMIUM_PATH:-}" ] && ! command -v chromium >/dev/null 2>&1; then
	echo "Installing Debian's Chromium for the browser tests…"
	SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
	$SUDO apt-get update -qq
	$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
if [ -z "${CHROMIUM_PATH:-}" ] && ! command -v chromium-headless-shell >/dev/null 2>&1; then
	echo "Installing Debian's chromium-headless-shell for the browser tests…"
	SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
	# without it the tests run in the full browser (slower), so a failed install is no failure
	$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium-headless-shell \
		>/dev/null 2>&1 || echo "   (not installed: the browser tests use the full Chromium)"
fi

# Debian's Fashion-MNIST (IDX files): the unit test that checks the shipped sprites against the
# dataset's own images skips without it, so a fresh machine would never run that check.
if [ ! -e /usr/share/datasets/fashion-mnist/t10k-images-idx3-ubyte.gz ]; then
	echo "Installing Debian's dataset-fashion-mnist (the shipped data's check)…"
	SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
	$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq dataset-fashion-mnist >/dev/null 2>&1 \
		|| { $SUDO apt-get update -qq && $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq dataset-fashion-mnist >/dev/null; } \
		|| echo "   (not installed: the shipped-data check skips)"
fi

# The four static steps are single-threaded, so they run side by side on the cores (each one's
# output goes to test-reports/<step>.log and is printed when it fails). `svelte-kit sync` first:
# the build then finds its generated files unchanged and leaves them alone while svelte-check
# reads them.
started=$SECONDS
took() { echo "$((SECONDS - started)) s"; }
mkdir -p test-reports
rm -f test-reports/vitest.json test-reports/playwright.json
npx svelte-kit sync
echo "== svelte-check, lint, format and the production build, side by side"
names=(svelte-check prettier eslint build)
pids=()
npx svelte-check --tsconfig ./tsconfig.json --fail-on-warnings >test-reports/svelte-check.log 2>&1 &
pids+=($!)
npx prettier --check . >test-reports/prettier.log 2>&1 &
pids+=($!)
npx eslint . >test-reports/eslint.log 2>&1 &
pids+=($!)
npm run build >test-reports/build.log 2>&1 &
pids+=($!)
failed=0
for i in "${!pids[@]}"; do
	if wait "${pids[$i]}"; then
		echo "   ${names[$i]}: ok"
	else
		echo "   ${names[$i]}: FAILED"
		cat "test-reports/${names[$i]}.log"
		failed=1
	fi
done
[ "$failed" -eq 0 ] || exit 1
echo "   ($(took))"
echo "== unit tests (Vitest, Node)"
npx vitest run --reporter=default --reporter=json --outputFile.json=test-reports/vitest.json
echo "   ($(took))"
echo "== browser tests (Playwright, Chromium)"
# The build above is what the browser tests serve (E2E_PREBUILT: no second build).
CI=${CI:-1} E2E_PREBUILT=1 PLAYWRIGHT_JSON_OUTPUT_NAME=test-reports/playwright.json \
	npx playwright test --reporter=list,json
node scripts/testSummary.mjs
echo "   all done in $(took)"
