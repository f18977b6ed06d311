#!/usr/bin/env bash
# The README's test command: typecheck, lint, then the tests embedded (PGlite and the
# in-process bus) and again, for every file that reaches a database or Redis, against the
# machine's PostgreSQL and Redis.
# KEEL_TEST_MODES=embedded skips the server pass on a machine without them; KEEL_TEST_E2E=0
# skips the browser journeys (they need /usr/bin/chromium: apt-get install -y chromium).
set -euo pipefail
cd "$(dirname "$0")/.."

modes="${KEEL_TEST_MODES:-embedded server}"
pg_url="${KEEL_TEST_PG_ADMIN_URL:-postgres://postgres@127.0.0.1:5432/postgres}"
redis_url="${KEEL_TEST_REDIS_ADMIN_URL:-redis://127.0.0.1:6379}"
# What marks a test file that touches PostgreSQL or Redis: the test database and Redis helpers,
# a server or app composition, or a shared test helper (support/helpers/fixture files).
IO_MARKERS='test-db|createTestDatabase|test-redis|Redis|buildServer|createAppDeps|KEEL_TEST_|support|helpers|fixture'

echo "▶ typecheck"; pnpm typecheck
echo "▶ lint"; pnpm lint

for mode in $modes; do
  case "$mode" in
    embedded)
      echo "▶ tests — embedded (PGlite, in-process events)"
      env -u KEEL_TEST_DATABASE_URL -u KEEL_TEST_REDIS_URL pnpm vitest run
      ;;
    server)
      echo "▶ tests — server (PostgreSQL ${pg_url%%\?*}, Redis $redis_url)"
      if ! pnpm tsx scripts/check-services.ts "$pg_url" "$redis_url"; then
        echo "PostgreSQL or Redis is not reachable; start them or run with KEEL_TEST_MODES=embedded." >&2
        exit 1
      fi
      # Only the files that reach a database or Redis (directly or through a test helper): the
      # pure rule tables ran in the embedded pass and would run the same code again here.
      mapfile -t io_tests < <(grep -rlE "$IO_MARKERS" --include='*.test.ts' packages apps | grep -v node_modules | sort)
      echo "  ${#io_tests[@]} test files reach a database or Redis"
      KEEL_TEST_DATABASE_URL="$pg_url" KEEL_TEST_REDIS_URL="$redis_url" pnpm vitest run "${io_tests[@]}"
      ;;
    *) echo "unknown mode $mode" >&2; exit 2 ;;
  esac
done
if [ "${KEEL_TEST_E2E:-1}" != "0" ]; then
  echo "▶ e2e — Playwright journeys in Debian's Chromium against the production build"
  pnpm --filter @keel/e2e test
fi
echo "✔ all tests passed (modes: $modes; e2e: ${KEEL_TEST_E2E:-1})"
