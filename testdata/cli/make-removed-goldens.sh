#!/bin/sh
# Regenerates the Terraform-made goldens of the removed-builtin fixture with a real terraform
# (1.11.4 made the committed ones): sh make-removed-goldens.sh removed-builtin
# The fixture's terraform.tfstate is the starting state of every run; only the builtin
# terraform provider is used, so no network is needed.
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
terraform plan -input=false -no-color -out=plan.bin > "$out/plan.txt"
terraform show -json plan.bin | jq '{planned_values, resource_changes}' > "$out/plan.json"
terraform apply -input=false -no-color plan.bin > "$out/apply.txt"
jq '.resources' terraform.tfstate > "$out/state-resources.json"
cp "$fixture/terraform.tfstate" terraform.tfstate
terraform plan -input=false -json | jq -c 'del(."@timestamp")' > "$out/plan.jsonl"
terraform apply -input=false -auto-approve -json | jq -c 'del(."@timestamp")' > "$out/apply.jsonl"
rm -rf "$work"
