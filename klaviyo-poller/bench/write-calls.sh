#!/usr/bin/env bash
# Counts the write(2) calls on standard output per JSON line (strace), for one poll of 500
# profiles. One call per line means a kill cannot split an object from its newline.
# Usage: bench/write-calls.sh [POLLER_JAR] [SANDBOX_JAR]
set -u
here=$(cd "$(dirname "$0")" && pwd)
poller=${1:-$here/../target/klaviyo-poller.jar}
sandbox=${2:-$here/../../klaviyo-sandbox/target/klaviyo-sandbox.jar}
work=$(mktemp -d)
. "$here/sandbox.sh"
start_sandbox "$sandbox" "$work/sandbox.log" --no-rate-limits --seed-profiles 500 || exit 1
strace -f -qq -e trace=write -e signal=none -o "$work/trace" java -jar "$poller" \
  --base-url "$SANDBOX_URL" --api-key "$SANDBOX_KEY" --object-type profiles \
  --timestamp-field updated --lag 0 --once --checkpoint "$work/cp.json" \
  >"$work/out.jsonl" 2>"$work/poller.log"
stop_sandbox
lines=$(wc -l <"$work/out.jsonl")
writes=$(grep -c 'write(1,' "$work/trace")
echo "JSON lines: $lines, write calls on stdout: $writes ($(awk -v w="$writes" -v l="$lines" \
  'BEGIN { printf "%.2f", w / l }') per line)"
