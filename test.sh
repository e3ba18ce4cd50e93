#!/usr/bin/env bash
# The one test command for a fresh machine: installs what the tests need (Node.js and Chromium from
# Debian's packages when missing, the npm packages pinned in tests/package-lock.json: local servers and
# independent Parquet readers), then builds every project
# of LogIngest.Tests.slnf (the Functions app included) and runs its tests. Extra arguments go to
# `dotnet test`.
set -euo pipefail
cd "$(dirname "$0")"
root=$(pwd)

# Debian's packages, as root or through sudo.
debian_install() {
  if [ "$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq "$@" >/dev/null; else sudo apt-get update -qq && sudo apt-get install -y -qq "$@" >/dev/null; fi
}

if ! command -v node >/dev/null 2>&1; then
  echo "test.sh: Node.js (>= 20) is needed for the test servers; installing it from Debian's packages" >&2
  debian_install nodejs npm
fi

# The report's browser test drives Debian's Chromium through Playwright (which downloads no browser here).
if [ ! -x /usr/bin/chromium ]; then
  echo "test.sh: Chromium is needed for the report's browser test; installing it from Debian's packages" >&2
  debian_install chromium
fi

# Reinstall the npm packages only when the lock file changed since the last install. (npm ci
# refuses this lock: it omits the DuckDB bindings of other platforms; install --no-save keeps it.)
lock_sum=$(sha256sum tests/package-lock.json | cut -d' ' -f1)
if [ ! -f tests/node_modules/.lock-sum ] || [ "$(cat tests/node_modules/.lock-sum)" != "$lock_sum" ]; then
  (cd tests && npm install --no-audit --no-fund --no-save --loglevel=error)
  echo "$lock_sum" > tests/node_modules/.lock-sum
fi

# The Event Hub trigger's extension package is not served by every registry: the test build leaves
# that one file out (src/LogIngest.Functions/LogIngest.Functions.csproj); MSBuild reads the variable.
export EventHubsTrigger=false

log=$(mktemp)
# The chaos tests (tests/LogIngest.Cli.Tests/Chaos) append one summary line each here; printed at the end.
# LOGINGEST_CHAOS_SEEDS=100 makes them a soak (see README).
export LOGINGEST_CHAOS_SUMMARY=$(mktemp)
trap 'rm -f "$log" "$LOGINGEST_CHAOS_SUMMARY"' EXIT
status=0
dotnet test LogIngest.Tests.slnf --nologo "$@" 2>&1 | tee "$log" || status=$?
cat "$LOGINGEST_CHAOS_SUMMARY"

# A server left running by a test is a bug: name it and fail. The fixtures start every server as
# `node --require <tests>/LogIngest.TestSupport/node/exit-with-parent.cjs <script under tests/>`; the
# pattern also catches a script under tests/node_modules started any other way.
servers="$root/tests/(node_modules|LogIngest\.TestSupport/node)/"
leftover=$(pgrep -af "$servers" || true)
if [ -n "$leftover" ]; then
  echo "test.sh: test servers still running after the test run:" >&2
  echo "$leftover" >&2
  pkill -f "$servers" || true
  status=1
fi

# One closing line over every test project, e.g. "412 passed, 0 failed, 3 skipped".
awk '/^(Passed|Failed)! +- +Failed:/ {
       gsub(",", ""); for (i = 1; i <= NF; i++) {
         if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1); if ($i == "Skipped:") s += $(i+1) } }
     END { printf "%d passed, %d failed, %d skipped\n", p, f, s }' "$log"
exit "$status"
