#!/usr/bin/env bash
# Measures GET /api/profiles/{id} requests/s against the standalone sandbox with rate limits off.
# Loopback only, bounded in time. Needs Debian's wrk (apt-get install -y wrk) and a built jar:
#   ./mvnw -B -q -pl klaviyo-sandbox -am package -DskipTests
# Usage: klaviyo-sandbox/bench/profiles-get.sh [threads] [connections] [duration]
# BENCH_JAR=path measures another build of the jar (such as the previous commit's) the same way.
set -euo pipefail

THREADS="${1:-2}"
CONNECTIONS="${2:-32}"
DURATION="${3:-10s}"
PORT="${BENCH_PORT:-18089}"
HERE="$(cd "$(dirname "$0")" && pwd)"
JAR="${BENCH_JAR:-$HERE/../target/klaviyo-sandbox.jar}"
KEY="pk_sandbox_00000000000000000000000000000000"
BASE="http://127.0.0.1:$PORT"

command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install -y wrk)" >&2; exit 1; }
[ -f "$JAR" ] || { echo "$JAR is missing; build it first" >&2; exit 1; }

java -jar "$JAR" --port "$PORT" --no-rate-limits --seed-profiles 10000 > "${TMPDIR:-/tmp}/klaviyo-sandbox-bench.log" 2>&1 &
PID=$!
trap 'kill "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true' EXIT

for _ in $(seq 1 300); do
  if curl -fs -o /dev/null "$BASE/__admin/state"; then break; fi
  sleep 0.2
done

ID="$(curl -fs -H "Authorization: Klaviyo-API-Key $KEY" -H "revision: 2024-10-15" \
  "$BASE/api/profiles?page%5Bsize%5D=1&filter=equals(email,%22seed-5000@example.com%22)" \
  | sed -E 's/.*"id":"([0-9A-Z]{26})".*/\1/')"
echo "Profile id: $ID"

# Warm-up (JIT), then the measured run.
wrk -t"$THREADS" -c"$CONNECTIONS" -d3s -H "Authorization: Klaviyo-API-Key $KEY" -H "revision: 2024-10-15" \
  "$BASE/api/profiles/$ID" > /dev/null
echo "wrk -t$THREADS -c$CONNECTIONS -d$DURATION $BASE/api/profiles/$ID"
# The sandbox's own CPU time per request, which other load on a shared machine disturbs far less than req/s.
cpu_ticks() { awk '{print $14 + $15}' "/proc/$PID/stat"; }
T0="$(cpu_ticks)"
OUT="$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency -H "Authorization: Klaviyo-API-Key $KEY" \
  -H "revision: 2024-10-15" "$BASE/api/profiles/$ID")"
T1="$(cpu_ticks)"
echo "$OUT"
REQUESTS="$(echo "$OUT" | awk '/requests in/ {print $1}')"
awk -v t="$((T1 - T0))" -v hz="$(getconf CLK_TCK)" -v n="$REQUESTS" \
  'BEGIN { printf "Sandbox CPU per request: %.1f us (%.2f CPU-seconds for %d requests)\n", t / hz / n * 1e6, t / hz, n }'
echo "Load average: $(cut -d' ' -f1-3 /proc/loadavg)"
