#!/usr/bin/env bash
# Paging benchmark: 100,000 sandbox profiles through the auto-pager against the same
# requests over bare OkHttp with bodies discarded. Arguments: profiles, measured runs per side, page size.
#
#   klaviyo-domain/bench/paging.sh                # 100000 profiles, 5 runs each, page[size]=100
#   klaviyo-domain/bench/paging.sh 100000 9       # more runs: medians steadier on a noisy machine
set -euo pipefail
exec "$(dirname "${BASH_SOURCE[0]}")/run-bench.sh" io.github.kvsdk.klaviyo.bench.PagingBenchmark \
  "${1:-100000}" "${2:-5}" "${3:-100}"
