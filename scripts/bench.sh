#!/bin/sh
# npm run bench: measures the function jar's cold start, its first request after SnapStart-style
# priming, its warm latency and its Route 53 calls per request, against a local moto, and prints a
# Markdown table, also written to function/target/bench/latest.md and into docs/performance.md between
# its <!-- bench:begin --> and <!-- bench:end --> markers, with the date, the machine and the commit.
# Prose that quotes a figure (<!-- bench:NAME -->VALUE) is checked against it by BenchFiguresTest in
# npm test: update the quotes in the same commit as the new table.
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
  echo "Install it as CONTRIBUTING.md's 'Test prerequisites' section says (pip install \"moto[server]==5.2.1\")." >&2
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

# Which code the table measured: the commit, and whether the work tree differed from it.
BENCH_COMMIT=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
if [ -n "$(git status --porcelain --untracked-files=no -- function pom.xml 2>/dev/null)" ]; then
  BENCH_COMMIT="$BENCH_COMMIT with uncommitted changes to function/"
fi
BENCH_DOCS_PAGE="$PWD/docs/performance.md"
export BENCH_COMMIT BENCH_DOCS_PAGE

exec sh scripts/with-jdk21.sh ./mvnw -B -ntp -q $offline -pl function org.codehaus.mojo:exec-maven-plugin:exec \
  -Dexec.executable=java -Dexec.classpathScope=test \
  -Dexec.args="-cp %classpath dev.dyndns53.bench.Benchmark"
