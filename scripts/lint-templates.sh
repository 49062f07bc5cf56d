#!/bin/sh
# Lints the synthesized CloudFormation templates (cdk.out/*.template.json; run 'npm run synth'
# first) with cfn-lint and the checked-in .cfnlintrc.yaml, which ignores only what it justifies.
# Any finding, error, warning or informational, fails.
set -eu
repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo"

if ! command -v cfn-lint >/dev/null 2>&1; then
  echo "dyndns53: cfn-lint is not installed; install it with 'pip install cfn-lint' (or 'pipx install cfn-lint')." >&2
  exit 1
fi
set -- cdk.out/*.template.json
if [ ! -f "$1" ]; then
  echo "dyndns53: no cdk.out/*.template.json to lint; run 'npm run synth' first." >&2
  exit 1
fi
echo "$(cfn-lint --version) on: $*"
# cfn-lint exits non-zero on any finding of any level; the templates come from .cfnlintrc.yaml's
# settings (regions, ignored checks) plus the files named here.
cfn-lint --config-file .cfnlintrc.yaml -- "$@"
echo "cfn-lint: no findings"
