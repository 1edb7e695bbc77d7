#!/usr/bin/env bash
# SIGKILLs the poller KILLS times at random moments while it writes objects, restarting it each time
# on the same checkpoint file and appending to the same output file, then counts output lines that
# are not exactly one JSON object (e.g. two objects glued together) and temporary checkpoint files
# left beside the checkpoint.
# Usage: bench/kill-loop.sh [POLLER_JAR] [SANDBOX_JAR] [KILLS]
set -u
here=$(cd "$(dirname "$0")" && pwd)
poller=${1:-$here/../target/klaviyo-poller.jar}
sandbox=${2:-$here/../../klaviyo-sandbox/target/klaviyo-sandbox.jar}
kills=${3:-100}
work=$(mktemp -d)
. "$here/sandbox.sh"
# Many profiles updated every second keep the poller writing objects and saving checkpoints.
start_sandbox "$sandbox" "$work/sandbox.log" --no-rate-limits --seed-profiles 20000 \
  --mutate-profiles-per-second 300 || exit 1
for i in $(seq 1 "$kills"); do
  java -jar "$poller" --base-url "$SANDBOX_URL" --api-key "$SANDBOX_KEY" --object-type profiles \
    --timestamp-field updated --page-size 50 --lag 1 --interval 1 --checkpoint "$work/cp.json" \
    >>"$work/out.jsonl" 2>>"$work/poller.log" &
  pid=$!
  sleep "$(awk -v r=$RANDOM 'BEGIN { printf "%.2f", 1.2 + r / 32767 * 1.5 }')"
  kill -KILL "$pid"
  wait "$pid" 2>/dev/null
done
stop_sandbox
python3 - "$work/out.jsonl" <<'PY'
import json, sys
lines = bad = glued = 0
with open(sys.argv[1], encoding="utf-8") as f:
    for line in f:
        lines += 1
        try:
            if not isinstance(json.loads(line), dict):
                bad += 1
        except json.JSONDecodeError as e:
            bad += 1
            if "Extra data" in str(e):
                glued += 1
print(f"lines: {lines}, not one JSON object: {bad} (two objects glued on one line: {glued})")
PY
echo "temporary checkpoint files left after $kills SIGKILLs: $(ls "$work" | grep -c '^cp\.json\..*\.tmp$')"
echo "work directory: $work"
