#!/usr/bin/env bash
# Runs the poller in its scheduled loop against a sandbox holding PROFILES profiles, DENSE of them
# sharing one timestamp second (more than a page of 100), while the sandbox updates UPDATES random
# profiles per second. Reports how long the first poll took, how long until the dense second was
# proven complete (the checkpoint has moved past it and no longer lists it as unsettled; seconds
# of the update stream itself, which hold more than a page at 300 updates/s, are counted apart),
# and, after the updates stop and two more polls ran, how many of the sandbox's profiles never
# came out.
# Usage: bench/dense-second.sh [POLLER_JAR] [SANDBOX_JAR] [UPDATES] [PROFILES] [DENSE] [LIMIT]
set -u
here=$(cd "$(dirname "$0")" && pwd)
poller=${1:-$here/../target/klaviyo-poller.jar}
sandbox=${2:-$here/../../klaviyo-sandbox/target/klaviyo-sandbox.jar}
updates=${3:-300}
profiles=${4:-20000}
dense=${5:-3000}
limit=${6:-300}
work=$(mktemp -d)
. "$here/sandbox.sh"
start_sandbox "$sandbox" "$work/sandbox.log" --no-rate-limits --seed-profiles "$profiles" \
  --seed-same-second "$dense" --mutate-profiles-per-second "$updates" || exit 1
start=$(date +%s.%N)
java -jar "$poller" --base-url "$SANDBOX_URL" --api-key "$SANDBOX_KEY" --object-type profiles \
  --timestamp-field updated --page-size 100 --lag 1 --interval 1 --checkpoint "$work/cp.json" \
  >"$work/out.jsonl" 2>"$work/poller.log" &
pid=$!
elapsed() { awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN { printf "%.1f", e - s }'; }
# Prints "<seeded seconds still unsettled> <all unsettled seconds>" from the checkpoint file: the
# seeded dense second lies days back, the seconds of the update stream within the last hour.
unsettled() {
  python3 - "$work/cp.json" <<'PY'
import datetime, json, sys
try:
    entries = json.load(open(sys.argv[1]))["checkpoints"]
except (OSError, ValueError):
    print(0, 0); sys.exit()
seconds = [u["second"] for e in entries for u in e.get("unsettled_seconds", [])]
recent = datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(hours=1)
old = [s for s in seconds if datetime.datetime.fromisoformat(s.replace("Z", "+00:00")) < recent]
print(len(old), len(seconds))
PY
}
first="" settled="" most=0
while [ -z "$settled" ]; do
  if ! kill -0 "$pid" 2>/dev/null; then echo "the poller exited; see $work/poller.log"; break; fi
  if [ -z "$first" ] && grep -q '^poll 1 done' "$work/poller.log" 2>/dev/null; then first=$(elapsed); fi
  read -r old all <<<"$(unsettled)"
  [ "$all" -gt "$most" ] && most=$all
  if [ -n "$first" ] && [ "$old" = 0 ]; then
    settled=$(elapsed)
    settled_polls=$(grep -c '^poll [0-9]* done' "$work/poller.log")
  fi
  if awk -v t="$(elapsed)" -v l="$limit" 'BEGIN { exit !(t > l) }'; then break; fi
  sleep 0.2
done
pages=$(grep -c '^page ' "$work/poller.log")
# Stop the updates, let one more poll cover everything updated so far, then stop the poller.
admin DELETE /__admin/mutations
done_before=$(grep -c '^poll [0-9]* done' "$work/poller.log")
for _ in $(seq 1 300); do
  [ "$(grep -c '^poll [0-9]* done' "$work/poller.log")" -ge $((done_before + 2)) ] && break
  sleep 0.2
done
kill -TERM "$pid" 2>/dev/null
wait "$pid" 2>/dev/null
curl -sf "$SANDBOX_URL/__admin/state/profile" >"$work/ids.json"
stop_sandbox
echo "first poll done after: ${first:-never} s"
echo "dense second proven complete after: ${settled:-not within $limit} s" \
  "(${settled_polls:-?} polls, $pages pages by then)"
echo "most unsettled seconds in the checkpoint at once: $most;" \
  "longest poll: $(grep -o '^poll [0-9]* done: [0-9]* pages' "$work/poller.log" | awk '{print $4}' | sort -n | tail -1) pages"
python3 - "$work/out.jsonl" "$work/ids.json" <<'PY'
import json, sys
emitted = set()
with open(sys.argv[1], encoding="utf-8") as f:
    for line in f:
        emitted.add(json.loads(line)["id"])
state = json.load(open(sys.argv[2], encoding="utf-8"))
ids = state["ids"] if isinstance(state, dict) else state
missing = [i for i in ids if i not in emitted]
print(f"profiles: {len(ids)}, never emitted: {len(missing)}")
PY
echo "logs in $work"
