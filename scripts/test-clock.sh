#!/usr/bin/env bash
# npm run test:clock -- <TZ> <faketime spec>
# The unit and integration suites once more with the machine's clock moved by libfaketime
# (Debian's faketime) and the time zone set: e.g. `Pacific/Auckland +400d`, or
# `America/Los_Angeles '@2028-02-29 23:30:00'` (a wall time in that zone, ticking from there).
# Every process started below sees the moved clock: Node and PGlite in it, and the throwaway
# PostgreSQL cluster (started through runuser, which keeps LD_PRELOAD and FAKETIME). The clock
# check runs first and stops the run unless all three see the time asked for.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ $# -ne 2 ]; then
  echo "usage: npm run test:clock -- <TZ> <faketime spec: +400d, -30d, or '@YYYY-MM-DD hh:mm:ss'>" >&2
  exit 2
fi
zone=$1 spec=$2
[ -e "/usr/share/zoneinfo/$zone" ] || { echo "unknown time zone: $zone" >&2; exit 2; }
command -v faketime >/dev/null || { echo 'faketime is missing: apt-get install -y faketime' >&2; exit 2; }
[ -z "${TEST_DATABASE_URL:-}" ] || { echo 'TEST_DATABASE_URL is a server whose clock this cannot move: unset it' >&2; exit 2; }
# Where the clock should be, worked out with the real clock, for the check to compare with.
case "$spec" in
  @*) expected=$(TZ="$zone" date -d "${spec#@}" +%s) ;;
  [+-][0-9]*d) expected=$(date -d "${spec%d} days" +%s) ;;
  *) echo "unsupported faketime spec: $spec (use +Nd, -Nd or '@YYYY-MM-DD hh:mm:ss')" >&2; exit 2 ;;
esac
echo "Clock moved to $(TZ="$zone" date -d "@$expected" '+%F %T %Z') ($zone, faketime $spec)"
run() { TZ="$zone" CLOCK_EXPECTED_MS="${expected}000" faketime -m -f "$spec" "$@"; }
run npx vitest run --project integration test/integration/clock-check.test.ts
run npx vitest run --project unit --project integration
