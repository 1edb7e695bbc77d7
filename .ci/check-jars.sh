#!/usr/bin/env bash
# Checks the packaged artifacts of a finished `./mvnw verify` (or install): licence files, Automatic-Module-Name,
# -sources jars (and -javadoc jars when the release profile built them), no benchmark code in the poller's jars,
# and no CLI-only dependency in the connector's archive.
set -euo pipefail
cd "$(dirname "$0")/.."
version=$(sed -n 's:^  <version>\(.*\)</version>$:\1:p' pom.xml | head -1)
failures=0
javadocs=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

# entry JAR PATH: prints one entry of a jar (empty if absent).
entry() { unzip -p "$1" "$2" 2>/dev/null || true; }
# listing JAR: the jar's entry names (read whole: `unzip -l | grep -q` would fail under pipefail when grep stops early).
listing() { unzip -Z1 "$1"; }
manifest_value() { entry "$1" META-INF/MANIFEST.MF | tr -d '\r' | sed -n "s/^$2: //p"; }

# module artifactId Automatic-Module-Name carries-spec-data(yes/no)
while read -r module artifact name notice; do
  jar="$module/target/$artifact-$version.jar"
  [ -f "$jar" ] || { fail "$jar missing"; continue; }
  sources="$module/target/$artifact-$version-sources.jar"
  if [ -f "$sources" ]; then
    [ "$(entry "$sources" META-INF/LICENSE)" = "$(cat LICENSE)" ] || fail "$artifact: the -sources jar has no META-INF/LICENSE"
    if [ "$notice" = yes ]; then
      [ "$(entry "$sources" META-INF/NOTICE)" = "$(cat NOTICE)" ] || fail "$artifact: the -sources jar has no META-INF/NOTICE"
    fi
  else
    fail "$artifact: no -sources jar"
  fi
  # The -javadoc jars are built in the release profile only (./mvnw -B package -Prelease -Dgpg.skip).
  javadoc="$module/target/$artifact-$version-javadoc.jar"
  if [ -f "$javadoc" ]; then
    javadocs=$((javadocs + 1))
    [ "$(entry "$javadoc" META-INF/LICENSE)" = "$(cat LICENSE)" ] || fail "$artifact: the -javadoc jar has no META-INF/LICENSE"
    if [ "$notice" = yes ]; then
      [ "$(entry "$javadoc" META-INF/NOTICE)" = "$(cat NOTICE)" ] || fail "$artifact: the -javadoc jar has no META-INF/NOTICE"
    elif [ -n "$(entry "$javadoc" META-INF/NOTICE)" ]; then
      fail "$artifact: the -javadoc jar has a META-INF/NOTICE although the module carries no spec data"
    fi
  fi
  [ "$(manifest_value "$jar" Automatic-Module-Name)" = "$name" ] \
    || fail "$artifact: Automatic-Module-Name is '$(manifest_value "$jar" Automatic-Module-Name)', expected $name"
  [ "$(entry "$jar" META-INF/LICENSE)" = "$(cat LICENSE)" ] || fail "$artifact: META-INF/LICENSE is not the project's LICENSE"
  if [ "$notice" = yes ]; then
    [ "$(entry "$jar" META-INF/NOTICE)" = "$(cat NOTICE)" ] || fail "$artifact: META-INF/NOTICE (Klaviyo's licence) missing"
  fi
done <<'MODULES'
openapi klaviyo-openapi io.github.kvsdk.klaviyo.openapi yes
klaviyo-generated klaviyo-generated io.github.kvsdk.klaviyo.generated yes
klaviyo-domain klaviyo-domain io.github.kvsdk.klaviyo.domain yes
klaviyo-sandbox klaviyo-sandbox io.github.kvsdk.klaviyo.sandbox yes
klaviyo-poller klaviyo-poller io.github.kvsdk.klaviyo.poller no
klaviyo-kafka-connect klaviyo-kafka-connect io.github.kvsdk.klaviyo.connect no
MODULES

# The runnable jars bundle the spec: both licences.
for jar in klaviyo-poller/target/klaviyo-poller.jar klaviyo-sandbox/target/klaviyo-sandbox.jar; do
  [ "$(entry "$jar" META-INF/LICENSE)" = "$(cat LICENSE)" ] || fail "$jar: META-INF/LICENSE is not the project's LICENSE"
  [ "$(entry "$jar" META-INF/NOTICE)" = "$(cat NOTICE)" ] || fail "$jar: META-INF/NOTICE (Klaviyo's licence) missing"
done

# Benchmark code is kept with the tests.
for jar in "klaviyo-poller/target/klaviyo-poller-$version.jar" klaviyo-poller/target/klaviyo-poller.jar; do
  entries=$(listing "$jar")
  if grep -q '^io/github/kvsdk/klaviyo/poller/bench/' <<<"$entries"; then fail "$jar contains benchmark classes"; fi
done

# The connector's archive holds the run-time dependencies of klaviyo-poller as a library: no CLI parser, no
# logging binding.
zip="klaviyo-kafka-connect/target/kvsdk-klaviyo-kafka-connect-$version.zip"
entries=$(listing "$zip")
grep -q '/lib/klaviyo-poller-' <<<"$entries" || fail "$zip: no lib/klaviyo-poller jar (is this the plugin archive?)"
if grep -Eq '/lib/(picocli|slf4j-simple)-' <<<"$entries"; then fail "$zip carries picocli or slf4j-simple"; fi
grep -q '/doc/LICENSE$' <<<"$entries" || fail "$zip: no doc/LICENSE"

[ "$failures" = 0 ] || exit 1
echo "ok: jars carry LICENSE, NOTICE where they hold spec data, Automatic-Module-Name and -sources jars; no benchmark code or CLI-only dependencies"
if [ "$javadocs" -gt 0 ]; then echo "ok: $javadocs -javadoc jars carry LICENSE, and NOTICE where they hold spec data"; fi
