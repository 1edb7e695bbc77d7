#!/usr/bin/env bash
# Rate-limit benchmark: a busy client against the sandbox with Klaviyo's limits on,
# retries off, so every 429 counts as a failure. Arguments: time scale, minutes of limit time, threads.
#
#   klaviyo-domain/bench/rate-limits.sh           # time scale 10, 3 limit-minutes, 8 threads
set -euo pipefail
exec "$(dirname "${BASH_SOURCE[0]}")/run-bench.sh" io.github.kvsdk.klaviyo.ratelimit.RateLimitBenchmark \
  "${1:-10}" "${2:-3}" "${3:-8}"
