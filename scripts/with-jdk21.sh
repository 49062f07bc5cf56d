#!/bin/sh
# Runs a command with a JDK 21 or newer. Keeps JAVA_HOME when it already points at one; otherwise
# picks the newest JDK under the usual install roots. dyndns53 compiles for Java 21, and many
# machines still default to 17.
set -eu

java_major() {
  "$1/bin/java" -XshowSettings:properties -version 2>&1 |
    sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p'
}

usable() { [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] && [ "$(java_major "$1")" -ge 21 ] 2>/dev/null; }

if [ -n "${JAVA_HOME:-}" ] && usable "$JAVA_HOME"; then
  :
else
  current=""
  if command -v javac >/dev/null 2>&1; then
    current=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
  fi
  if [ -n "$current" ] && usable "$current"; then
    JAVA_HOME=$current
  else
    best="" best_major=0
    for candidate in /usr/lib/jvm/* /Library/Java/JavaVirtualMachines/*/Contents/Home "$HOME"/.sdkman/candidates/java/*; do
      [ -d "$candidate" ] || continue
      usable "$candidate" || continue
      major=$(java_major "$candidate")
      if [ "$major" -gt "$best_major" ]; then best=$candidate best_major=$major; fi
    done
    if [ -z "$best" ]; then
      echo "dyndns53 needs JDK 21 or newer to build, and none was found (looked at JAVA_HOME, PATH and /usr/lib/jvm)." >&2
      echo "Install one (for example 'apt-get install openjdk-21-jdk' or Temurin 21/25) or set JAVA_HOME to it." >&2
      exit 1
    fi
    JAVA_HOME=$best
  fi
fi
export JAVA_HOME
PATH="$JAVA_HOME/bin:$PATH"
export PATH
# Maven 3.8/3.9 bundle a Guava that calls sun.misc.Unsafe; JDK 24+ warns about it on every run.
# The warning is Maven's, not ours, so it is silenced where the JDK knows the switch.
if [ "$(java_major "$JAVA_HOME")" -ge 24 ]; then
  case "${MAVEN_OPTS:-}" in
    *sun-misc-unsafe-memory-access*) ;;
    *) MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"; export MAVEN_OPTS ;;
  esac
fi
exec "$@"
