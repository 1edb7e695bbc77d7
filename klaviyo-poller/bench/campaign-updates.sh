#!/usr/bin/env bash
# Times one poll of email campaigns (a backfill, --once) while the sandbox keeps updating campaigns,
# with its rate limits on. Prints the poll's duration and pages, or how far it got if it did not
# finish within LIMIT seconds.
# Usage: bench/campaign-updates.sh [POLLER_JAR] [SANDBOX_JAR] [UPDATES_PER_SECOND] [LIMIT]
set -u
here=$(cd "$(dirname "$0")" && pwd)
poller=${1:-$here/../target/klaviyo-poller.jar}
sandbox=${2:-$here/../../klaviyo-sandbox/target/klaviyo-sandbox.jar}
rate=${3:-2}
limit=${4:-180}
work=$(mktemp -d)
. "$here/sandbox.sh"
# 1,200 campaigns, every other one email: 600 email campaigns over 30 days.
start_sandbox "$sandbox" "$work/sandbox.log" --seed-campaigns 1200 --seed-days 30 || exit 1
admin POST /__admin/mutations "{\"type\":\"campaign\",\"per_second\":$rate}"
start=$(date +%s.%N)
timeout --signal=KILL "$limit" java -jar "$poller" --base-url "$SANDBOX_URL" --api-key "$SANDBOX_KEY" \
  --object-type campaigns --timestamp-field updated_at --channel email --lag 1 --once \
  --checkpoint "$work/cp.json" >"$work/out.jsonl" 2>"$work/poller.log"
code=$?
end=$(date +%s.%N)
admin DELETE /__admin/mutations
stop_sandbox
seconds=$(awk -v s="$start" -v e="$end" 'BEGIN { printf "%.1f", e - s }')
pages=$(grep -c '^page ' "$work/poller.log")
if [ "$code" = 137 ]; then
  echo "unfinished after ${seconds} s: $pages pages, $(wc -l <"$work/out.jsonl") objects written"
else
  echo "exit $code after ${seconds} s: $(grep -o 'poll 1 done: [0-9]* pages' "$work/poller.log")," \
    "$(wc -l <"$work/out.jsonl") objects written, $pages pages reported"
fi
echo "checkpoint: $(grep -o '"boundary": "[^"]*"' "$work/cp.json" 2>/dev/null || echo none); logs in $work"
