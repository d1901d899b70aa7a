#!/usr/bin/env bash
# The main job: a real stack planned and applied with terrane, then how to look at it and take it down.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f dist/cli/main.js ] || npm run build
dir=examples/getting-started
t() { node bin/terrane.js -chdir="$dir" "$@"; }
t init
t apply -auto-approve
cat <<MSG

The stack is applied; its state is in $dir/terraform.tfstate. Look at it with:
  node bin/terrane.js -chdir=$dir show
  node bin/terrane.js -chdir=$dir state list
  node bin/terrane.js -chdir=$dir output -json
  node bin/terrane.js -chdir=$dir plan            # no changes: the infrastructure matches the configuration
Take it down with:
  node bin/terrane.js -chdir=$dir destroy
MSG
