#!/bin/sh
# npm run bench: measures the function jar's cold start, its first request after SnapStart-style
# priming, its warm latency and its Route 53 calls per request, against a local moto, and prints a
# Markdown table (also written to function/target/bench/latest.md).
#
# Builds the jar first when it is missing or older than the sources. Runs with JDK 21 or newer
# (scripts/with-jdk21.sh). Takes about three minutes on 2 cores; BENCH_RUNS, BENCH_PRIMED_RUNS,
# BENCH_WARM_UPDATES and BENCH_RESTORED_SAMPLES change the run counts, BENCH_VARIANTS=shipped
# measures only the shipped configuration, BENCH_PRIMING_ROUNDS=30,100 compares other priming
# lengths with the default. Maven resolves what the benchmark needs from Maven Central the first
# time; BENCH_MAVEN_OFFLINE=1 runs it offline (only once everything is in ~/.m2).
# See function/src/test/java/dev/dyndns53/bench/Benchmark.java.
set -eu
cd "$(dirname "$0")/.."

if ! command -v moto_server >/dev/null 2>&1 && ! python3 -c 'import moto.server' >/dev/null 2>&1; then
  echo "bench: moto (the AWS emulator) is required: moto_server on PATH, or python3 -m moto.server." >&2
  echo "Install it as the README's 'Set-up' section says (pip install \"moto[server]==5.2.1\")." >&2
  exit 1
fi

offline=
if [ "${BENCH_MAVEN_OFFLINE:-0}" = 1 ]; then offline=-o; fi

jar=function/target/dyndns53-function.jar
if [ ! -f "$jar" ] || [ ! -f function/target/test-classes/dev/dyndns53/bench/Benchmark.class ] ||
  [ -n "$(find pom.xml function/pom.xml function/src -newer "$jar" -print 2>/dev/null | head -n 1)" ]; then
  echo "bench: building the function jar" >&2
  sh scripts/with-jdk21.sh ./mvnw -B -ntp -q $offline -pl function package -DskipTests
fi

exec sh scripts/with-jdk21.sh ./mvnw -B -ntp -q $offline -pl function org.codehaus.mojo:exec-maven-plugin:exec \
  -Dexec.executable=java -Dexec.classpathScope=test \
  -Dexec.args="-cp %classpath dev.dyndns53.bench.Benchmark"
