#!/usr/bin/env bash
# Lists, for every operation present in all the given revisions, the request, result and data types the
# generated client names, and prints every operation whose types differ between revisions.
#
#   klaviyo-generated/bin/compare-operation-types.sh [--no-build] [REVISION...]
#
# Default revisions: every klaviyo-openapi-REVISION.json in ../shared/openapi beside the checkout. Without
# --no-build, each revision is generated and OperationTypesTest writes its listing; with --no-build, the
# listings of earlier builds (klaviyo-generated/target/operation-types/REVISION.tsv) are compared.
# Exit status 1 if any operation present in all revisions has different types.
set -euo pipefail
cd "$(dirname "$0")/../.."

build=true
if [[ "${1:-}" == "--no-build" ]]; then build=false; shift; fi
revisions=("$@")
if [[ ${#revisions[@]} -eq 0 ]]; then
  for f in ../shared/openapi/klaviyo-openapi-*.json; do
    r="${f##*/klaviyo-openapi-}"; revisions+=("${r%.json}")
  done
fi

listings=klaviyo-generated/target/operation-types
for r in "${revisions[@]}"; do
  if $build; then
    echo "== generating $r" >&2
    ./mvnw -B -q -pl openapi,klaviyo-generated verify -Dklaviyo.revision="$r" \
      -Dtest=OperationTypesTest -Dsurefire.failIfNoSpecifiedTests=false >&2
  fi
  [[ -f "$listings/$r.tsv" ]] || { echo "no listing for $r: $listings/$r.tsv" >&2; exit 2; }
done

# operationId -> "request result data" per revision; keep operations present in every revision.
awk -F'\t' -v n="${#revisions[@]}" '
  FNR == 1 { file++ }
  { types[$1, file] = $2 " " $3 " " $4; seen[$1]++ }
  END {
    common = 0; differ = 0
    for (op in seen) {
      if (seen[op] != n) continue
      common++
      same = 1
      for (i = 2; i <= n; i++) if (types[op, i] != types[op, 1]) same = 0
      if (!same) {
        differ++
        printf "%s\n", op
        for (i = 1; i <= n; i++) printf "  %s: %s\n", ARGV[i], types[op, i]
      }
    }
    printf "%d operations in all %d revisions; %d with different request/result/data types\n", common, n, differ
    exit differ > 0
  }' $(for r in "${revisions[@]}"; do echo "$listings/$r.tsv"; done)
