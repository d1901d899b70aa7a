#!/bin/sh
# Regenerates terraform-validate.txt and terraform-validate.json in every case folder here
# with a real terraform (1.11.4 made the committed ones): sh make-goldens.sh. The .txt holds
# what `terraform validate -no-color` wrote (stderr, then stdout) and its exit code; the
# .json what `terraform validate -json` wrote.
# Only the builtin terraform provider is used, so no network is needed.
set -e
here=$(cd "$(dirname "$0")" && pwd)
export TF_CLI_CONFIG_FILE=/dev/null
for case in "$here"/*/; do
  work=$(mktemp -d)
  cp -R "$case". "$work"
  rm -f "$work/terraform-validate.txt" "$work/terraform-validate.json"
  (cd "$work" && terraform init -input=false -no-color >/dev/null 2>&1 || true
   set +e
   terraform validate -no-color >out 2>err
   code=$?
   cat err out > "$case/terraform-validate.txt"
   echo "exit code: $code" >> "$case/terraform-validate.txt"
   terraform validate -json > "$case/terraform-validate.json" || true)
  rm -rf "$work"
done
