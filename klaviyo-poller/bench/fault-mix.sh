#!/usr/bin/env bash
# Runs the poller in its scheduled loop for SECONDS against a sandbox in which a quarter of all
# profile listing requests fail (503, connection reset, truncated body, malformed body: 7% each),
# restarting it whenever it exits, and counts the exits and their codes.
# Usage: bench/fault-mix.sh [POLLER_JAR] [SANDBOX_JAR] [SECONDS]
set -u
here=$(cd "$(dirname "$0")" && pwd)
poller=${1:-$here/../target/klaviyo-poller.jar}
sandbox=${2:-$here/../../klaviyo-sandbox/target/klaviyo-sandbox.jar}
seconds=${3:-60}
work=$(mktemp -d)
. "$here/sandbox.sh"
start_sandbox "$sandbox" "$work/sandbox.log" --no-rate-limits --seed-profiles 2000 \
  --mutate-profiles-per-second 20 || exit 1
for kind in '"kind":"status","status":503' '"kind":"reset"' '"kind":"truncated"' '"kind":"malformed"'; do
  admin POST /__admin/faults "{$kind,\"path\":\"/api/profiles*\",\"probability\":0.0694}"
done
exits=0
codes=""
end=$((SECONDS + seconds))
while [ "$SECONDS" -lt "$end" ]; do
  timeout --signal=TERM $((end - SECONDS + 1)) java -jar "$poller" --base-url "$SANDBOX_URL" \
    --api-key "$SANDBOX_KEY" --object-type profiles --timestamp-field updated --page-size 20 \
    --lag 1 --interval 1 --checkpoint "$work/cp.json" >>"$work/out.jsonl" 2>>"$work/poller.log"
  code=$?
  [ "$code" = 124 ] && break # Stopped by the timeout at the end of the run, not by itself.
  exits=$((exits + 1))
  codes="$codes $code"
done
stop_sandbox
echo "poller exits in ${seconds}s: $exits (exit codes:${codes:- none})"
echo "objects written: $(wc -l <"$work/out.jsonl"); logs in $work"
