#!/bin/sh
# Regenerates the Terraform-made goldens of the plan-errored-orphans fixture with a real
# terraform (1.11.4 made the committed ones): sh make-goldens.sh <fixture-dir>
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
terraform apply -input=false -no-color -auto-approve >/dev/null
cp terraform.tfstate applied.tfstate
set +e
# Refresh lines come in any order; they are left out.
terraform plan -input=false -no-color -var v=two -var n=3 2>&1 | grep -v 'Refreshing state\.\.\.' > "$out/plan.txt"
cp applied.tfstate terraform.tfstate
# planned_change lines come in the order terraform's walk reaches the instances (it varies
# from run to run), so they are kept sorted; the other messages in their order.
terraform plan -input=false -json -var v=two -var n=3 -out=p.bin > plan.jsonl
set -e
jq -r 'select(.type == "planned_change") | .["@message"]' plan.jsonl | sort > "$out/planned-changes.txt"
jq -r 'select(.type != "planned_change" and .type != "version" and .type != "refresh_start" and .type != "refresh_complete") | .type + " " + .["@message"]' plan.jsonl > "$out/messages.txt"
terraform show -json p.bin | jq -r '.resource_changes[] | .address + " " + (.change.actions | join(","))' > "$out/resource-changes.txt"
rm -rf "$work"
