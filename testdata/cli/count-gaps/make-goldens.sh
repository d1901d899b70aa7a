#!/bin/sh
# Regenerates the Terraform-made goldens of the count-gaps fixture with a real terraform
# (1.11.4 made the committed ones): sh make-goldens.sh <fixture-dir>
# Only the builtin terraform provider is used, so no network is needed.
set -e
fixture=$(cd "$1" && pwd)
work=$(mktemp -d)
cp -R "$fixture"/. "$work"
rm -rf "$work/terraform"
cd "$work"
out="$fixture/terraform"
mkdir -p "$out"
export TF_CLI_CONFIG_FILE=/dev/null TF_IN_AUTOMATION=
# Refresh lines come in any order; they are left out.
quiet() { grep -v 'Refreshing state\.\.\.' || true; }
terraform init -input=false -no-color >/dev/null
# Nothing applied yet, only the last index targeted: the others are unknown.
terraform plan -input=false -no-color -target='terraform_data.x[2]' | quiet > "$out/plan-target.txt"
terraform apply -input=false -no-color -auto-approve >/dev/null
# An index missing from the state (as an apply that failed part way leaves it).
terraform state rm 'terraform_data.x[1]' >/dev/null
terraform plan -refresh-only -input=false -no-color | quiet > "$out/plan-refresh-only.txt"
# count down to 2, only [0] targeted: [1] is missing and [2], no longer configured, stays.
terraform plan -input=false -no-color -var n=2 -target='terraform_data.x[0]' | quiet > "$out/plan-orphan-target.txt"
terraform apply -refresh-only -auto-approve -input=false -no-color >/dev/null
terraform output -json | jq '{inputs, len}' > "$out/apply-refresh-only-outputs.json"
# The targeted apply of that plan: [1] still missing, [2] still kept.
terraform apply -input=false -no-color -auto-approve -var n=2 -target='terraform_data.x[0]' >/dev/null
terraform output -json | jq '{inputs, len}' > "$out/apply-orphan-target-outputs.json"
rm -rf "$work"
