#!/usr/bin/env bash
# Builds klaviyo-domain for several Klaviyo API revisions and compares the public signatures user code
# compiles against (the documented actions and the typed facade). Only operations present in every revision
# are compared; what remains in the diff is a real API change (for example a new optional parameter).
#
# Usage: klaviyo-domain/bin/compare-public-api.sh [REVISION ...]
#   default: every revision with a spec in ../shared/openapi; the first one is the baseline.
# The working tree is built again for the pinned revision at the end.
set -euo pipefail
cd "$(dirname "$0")/../.."
pinned=$(sed -n "s:.*<klaviyo.revision.pinned>\(.*\)</klaviyo.revision.pinned>.*:\1:p" pom.xml | head -1)
if [ $# -gt 0 ]; then
  revisions=("$@")
else
  revisions=()
  for f in ../shared/openapi/klaviyo-openapi-*.json; do
    r=$(basename "$f" .json); r=${r#klaviyo-openapi-}
    [ "$r" != "$pinned" ] && revisions+=("$r")
  done
  revisions=("$pinned" "${revisions[@]}")
fi
out=target/public-api
mkdir -p "$out"
for r in "${revisions[@]}"; do
  echo "== building klaviyo-domain for $r" >&2
  repo="$out/m2-$r"
  mvn_args=(-B -q -Dklaviyo.revision="$r" -Dmaven.repo.local="$PWD/$repo" -Dmaven.repo.local.tail="$HOME/.m2/repository")
  ./mvnw "${mvn_args[@]}" install -DskipTests -pl klaviyo-domain -am > "$out/build-$r.log" 2>&1 \
    || { echo "build for $r failed, see $out/build-$r.log" >&2; exit 1; }
  cp=$(./mvnw "${mvn_args[@]}" -pl klaviyo-codegen dependency:build-classpath -Dmdep.outputFile=/dev/stdout)
  domain_cp=$(./mvnw "${mvn_args[@]}" -pl klaviyo-domain dependency:build-classpath -Dmdep.outputFile=/dev/stdout)
  java -cp "klaviyo-codegen/target/classes:klaviyo-domain/target/classes:$cp:$domain_cp" \
    io.github.kvsdk.klaviyo.codegen.signatures.PublicSignatures klaviyo-domain/target/classes > "$out/signatures-$r.txt"
  echo "$(wc -l < "$out/signatures-$r.txt") public signatures for $r" >&2
done
# Operations present in every revision compared.
common="$out/common-operations.txt"
cut -f1 "$out/signatures-${revisions[0]}.txt" | sort -u > "$common"
for r in "${revisions[@]}"; do
  cut -f1 "$out/signatures-$r.txt" | sort -u | comm -12 "$common" - > "$common.tmp"; mv "$common.tmp" "$common"
done
echo "$(grep -vc '^-$' "$common") operations present in every revision compared" >&2
status=0
base=${revisions[0]}
for r in "${revisions[@]}"; do
  [ "$r" = "$base" ] && continue
  awk -F'\t' 'NR==FNR {keep[$1]=1; next} keep[$1]' "$common" "$out/signatures-$base.txt" > "$out/a.txt"
  awk -F'\t' 'NR==FNR {keep[$1]=1; next} keep[$1]' "$common" "$out/signatures-$r.txt" > "$out/b.txt"
  echo "== $base -> $r: signatures removed (<) or added (>) for operations present in both"
  if diff "$out/a.txt" "$out/b.txt" > "$out/diff-$base-$r.txt"; then
    echo "(none)"
  else
    cat "$out/diff-$base-$r.txt"
  fi
done
echo "== building again for the pinned revision $pinned" >&2
./mvnw -B -q install -DskipTests -pl klaviyo-domain -am > "$out/build-final.log" 2>&1
