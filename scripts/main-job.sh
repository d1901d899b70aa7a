#!/usr/bin/env bash
# The main job: the network stack of examples/network applied on terrane's built-in AWS
# cloud (no account needed), then how to look at it and take it down.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f dist/cli/main.js ] || npm run build
dir=examples/network
t() { node bin/terrane.js -chdir="$dir" "$@"; }
# -local: start (or reuse) the built-in cloud of this directory, kept in $dir/.terrane/cloud.
t init -local
t apply -auto-approve
url=$(node -e 'console.log(JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).url)' "$dir/.terrane/cloud/cloud.pid.json")
cat <<MSG

The network stack is applied on terrane's local cloud at $url;
its state is in $dir/terraform.tfstate. Look at it with:
  node bin/terrane.js -chdir=$dir show
  node bin/terrane.js -chdir=$dir state list
  node bin/terrane.js -chdir=$dir plan            # no changes: the cloud matches the configuration
  AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_DEFAULT_REGION=us-east-1 \\
    aws --endpoint-url $url ec2 describe-instances
Take it down, then stop the cloud, with:
  node bin/terrane.js -chdir=$dir destroy
  node bin/terrane.js -chdir=$dir cloud stop -local
MSG
