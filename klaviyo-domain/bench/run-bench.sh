#!/usr/bin/env bash
# Runs one of klaviyo-domain's benchmark mains (test classes) with the module's test classpath.
#
#   klaviyo-domain/bench/run-bench.sh CLASS [ARGS...]
#   klaviyo-domain/bench/run-bench.sh io.github.kvsdk.klaviyo.bench.PagingBenchmark 100000 3
#
# Compiles klaviyo-domain (main and test) and writes its test classpath to klaviyo-domain/target/bench.cp.
# The sibling modules (klaviyo-generated, klaviyo-openapi, klaviyo-sandbox) are taken from the local Maven
# repository; set BENCH_INSTALL=1 to build and install them first. Maven options can be added with
# MAVEN_ARGS (for example MAVEN_ARGS=-o to work offline); JVM options with BENCH_JAVA_OPTS.
set -euo pipefail

if [[ $# -lt 1 ]]; then
  echo "usage: $0 CLASS [ARGS...]" >&2
  exit 2
fi
main_class=$1
shift

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$root"

if [[ "${BENCH_INSTALL:-0}" == 1 ]]; then
  ./mvnw -B -q -pl klaviyo-sandbox -am install -Dmaven.test.skip=true
fi
./mvnw -B -q -pl klaviyo-domain test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench.cp -Dmdep.includeScope=test

module=klaviyo-domain
classpath="$module/target/test-classes:$module/target/classes:$(cat "$module/target/bench.cp")"

# The test resources log this SDK at DEBUG; benchmarks run at INFO, as an application would.
# shellcheck disable=SC2086
exec java ${BENCH_JAVA_OPTS:--Xms1g -Xmx3g} \
  -Dorg.slf4j.simpleLogger.log.io.github.kvsdk.klaviyo=info \
  -cp "$classpath" "$main_class" "$@"
