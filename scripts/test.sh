#!/usr/bin/env bash
# The README's test command (`npm test`): type-check + lint, then unit, PC/SC and end-to-end suites.
# Starts its own pcscd (one per machine) and stops it on exit. Prints one closing line "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
mkdir -p artifacts
rc=0
bash scripts/pcscd.sh start || { echo "test: could not start pcscd"; exit 1; }
trap 'bash scripts/pcscd.sh stop' EXIT

echo "== check (tsc + eslint)"
npm run -s check || rc=1

echo "== build renderer and Node bundles"
npm run -s build >artifacts/build.log 2>&1 || { cat artifacts/build.log; rc=1; }

for project in unit pcsc centre e2e; do
  echo "== vitest: $project"
  extra=""; [ "$project" != unit ] && extra="--no-file-parallelism"
  npx vitest run --project "$project" $extra --reporter=default --reporter=json \
    --outputFile="artifacts/vitest-$project.json" --passWithNoTests || rc=1
done

node scripts/test-summary.mjs artifacts/vitest-unit.json artifacts/vitest-pcsc.json artifacts/vitest-centre.json artifacts/vitest-e2e.json || rc=1
exit $rc
