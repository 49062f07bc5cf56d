#!/bin/sh
# The CDK app, as cdk.json starts it: plain java on the classpath Maven wrote at package time, so
# synthesizing resolves nothing and works offline. Run from the repository root (cdk's cwd).
set -eu
repo=$(cd "$(dirname "$0")/.." && pwd)
classes="$repo/infra/target/classes"
classpath_file="$repo/infra/target/app-classpath.txt"
function_jar="$repo/function/target/dyndns53-function.jar"

for required in "$function_jar" "$classpath_file" "$classes/dev/dyndns53/infra/Dyndns53App.class"; do
  if [ ! -f "$required" ]; then
    echo "dyndns53: $required is missing, so there is nothing to synthesize yet." >&2
    echo "Run 'npm run synth' (it builds first), or './mvnw -B -ntp -DskipTests package' and then cdk again." >&2
    exit 1
  fi
done

# jsii runs CDK's JavaScript with this Node; prefer the pinned one from node_modules.
if [ -z "${JSII_NODE:-}" ] && [ -x "$repo/node_modules/.bin/node" ]; then
  JSII_NODE="$repo/node_modules/.bin/node"
  export JSII_NODE
fi

exec sh "$repo/scripts/with-jdk21.sh" \
  java -cp "$classes:$(cat "$classpath_file")" dev.dyndns53.infra.Dyndns53App
