#!/usr/bin/env bash
# Backfill benchmark of the poller (BackfillBenchmark, kept with the tests so that it ships in no jar):
# runs it on the module's test classpath, which holds the poller, the sandbox and picocli.
# Usage: bench/backfill.sh [BackfillBenchmark options...], e.g. --events 100000 --checkpoint memory
# The benchmark JVM's -Xmx is BENCH_XMX (default 256m). Run after `./mvnw -B -q install -DskipTests`.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
module=$here/..
classpath_file=$module/target/bench.classpath
"$module/../mvnw" -B -q -f "$module/pom.xml" dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile="$classpath_file" >/dev/null
exec java "-Xmx${BENCH_XMX:-256m}" \
  -cp "$module/target/test-classes:$module/target/classes:$(cat "$classpath_file")" \
  io.github.kvsdk.klaviyo.poller.bench.BackfillBenchmark "$@"
