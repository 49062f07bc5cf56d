#!/bin/sh
# Builds everything and synthesizes the CloudFormation template, offline and without an AWS
# account. Extra arguments go to 'cdk synth', for example: -c config=config/home.json
set -eu
repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo"

# The pinned CDK CLI and Node 24 from node_modules (npm ci), whoever calls this script.
if [ ! -x node_modules/.bin/cdk ] || [ ! -x node_modules/.bin/node ]; then
  echo "dyndns53: node_modules is missing the pinned CDK CLI or Node; run 'npm ci' first." >&2
  exit 1
fi
PATH="$repo/node_modules/.bin:$PATH"
export PATH
# The CLI keeps its cache and settings in <home of the OS user>/.cdk whatever $HOME says; keep them
# in the repository so any user (or a read-only home) can synthesize.
CDK_HOME="$repo/.cdk-home"
export CDK_HOME

# Quiet on success: the build's output is kept and shown, without ANSI colour codes, only when it
# fails. ./mvnw runs the Maven version pinned in .mvn/wrapper/ (downloaded once from Maven Central).
esc=$(printf '\033')
if ! build_output=$(./mvnw -B -ntp -q -DskipTests package 2>&1); then
  printf '%s\n' "$build_output" | sed "s/${esc}\[[0-9;]*m//g" >&2
  echo "dyndns53: the build failed, so nothing was synthesized." >&2
  exit 1
fi
cdk synth --quiet "$@"

node -e '
  const manifest = require(process.argv[1] + "/cdk.out/manifest.json");
  for (const [name, artifact] of Object.entries(manifest.artifacts)) {
    if (artifact.type === "aws:cloudformation:stack") {
      console.log("Template for stack " + name + ": cdk.out/" + artifact.properties.templateFile);
    }
  }' "$repo"
