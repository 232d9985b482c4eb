#!/usr/bin/env bash
# Runs every test: domain, HTTP contract, persistence, components, and browser tests in Debian's Chromium.
# Installs what the tests need when it is missing, so it works on a fresh machine.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -x /usr/bin/chromium ]; then
  echo "Installing Debian's chromium for the browser tests..."
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  $SUDO apt-get update -qq
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi

dotnet tool restore >/dev/null

log="$(mktemp)"
trap 'rm -f "$log"' EXIT
# One test module at a time: the browser tests start the dashboard and Chromium, and two cores are all there is.
set +e
dotnet test --solution Lens.Dashboard.sln --max-parallel-test-modules 1 --no-progress --output Detailed 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

# The platform's own summary ("total: N", "failed: N", "succeeded: N") is not the line CI reads; print that line.
awk '/^ +succeeded: +[0-9]+ *$/ { p = $2 } /^ +failed: +[0-9]+ *$/ { f = $2 } END { printf "%d passed, %d failed\n", p, f }' "$log"
exit "$status"
