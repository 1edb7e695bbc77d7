#!/usr/bin/env bash
# Builds and runs every example against its embedded sandbox, printing each one's output; exits non-zero if
# any fails. Run it after installing the SDK, for example:
#
#   ./mvnw -B -q install -DskipTests && examples/run-all.sh
#
# Usage: examples/run-all.sh [LOCAL_REPOSITORY]
#   LOCAL_REPOSITORY  the Maven local repository the SDK was installed into (default: Maven's own default);
#                     MAVEN_ARGS from the environment apply as for any Maven run.
# Set EXAMPLES_ONLINE=1 to let Maven download what is missing (by default it runs offline).
set -euo pipefail
examples="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$examples")"
mvnw="$root/mvnw"

# The version of this checkout: the examples build against the artifacts it installed.
version=$(sed -n '/<artifactId>klaviyo-java-parent<\/artifactId>/,/<version>/s:.*<version>\(.*\)</version>.*:\1:p' \
  "$root/pom.xml" | head -1)
args=(-B -Dklaviyo.version="$version")
[ "${EXAMPLES_ONLINE:-0}" = 1 ] || args+=(-o)
[ $# -ge 1 ] && args+=(-Dmaven.repo.local="$1")

run() {
  local name=$1; shift
  local start=$SECONDS
  echo "== Example $name (SDK $version)"
  if (cd "$examples/$name" && "$mvnw" "${args[@]}" "$@"); then
    echo "ok: $name ($((SECONDS - start)) s)"
  else
    echo "FAIL: $name"; return 1
  fi
}

total=$SECONDS
run api-key-actions -q compile exec:exec
run oauth-web-app -q compile exec:exec
run large-listing -q compile exec:exec
run poller-library -q compile exec:exec
run sandbox-junit-test test
echo "ok: all 5 examples ran in $((SECONDS - total)) s"
