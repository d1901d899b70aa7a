#!/bin/sh
# Regenerates the Terraform-made goldens of an import-builtin-* fixture with a real terraform
# (1.11.4 made the committed ones): sh make-import-goldens.sh <fixture-dir>
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
terraform init -input=false -no-color >/dev/null
# A fixture with no resource block has its configuration generated.
gen=
grep -q '^resource' main.tf || gen=-generate-config-out=generated.tf
terraform plan -input=false -no-color $gen -out=plan.bin > "$out/plan.txt"
terraform show -json plan.bin | jq '.resource_changes' > "$out/plan-resource-changes.json"
terraform apply -input=false -no-color plan.bin > "$out/apply.txt"
set +e
terraform plan -input=false -no-color -detailed-exitcode > "$out/replan.txt"
echo "exit code: $?" >> "$out/replan.txt"
set -e
rm -f terraform.tfstate terraform.tfstate.backup generated.tf
# -json plan and apply: the messages without their timestamps.
terraform plan -input=false $gen -json | jq -c 'del(."@timestamp")' > "$out/plan.jsonl"
[ -z "$gen" ] || rm -f generated.tf
[ -z "$gen" ] || terraform plan -input=false $gen >/dev/null
terraform apply -input=false -auto-approve -json | jq -c 'del(."@timestamp")' > "$out/apply.jsonl"
rm -rf "$work"
