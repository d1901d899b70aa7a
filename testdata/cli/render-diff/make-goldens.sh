#!/bin/sh
# Regenerates the Terraform-made goldens of the render-diff fixture with a real terraform
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
terraform init -input=false -no-color >/dev/null
terraform apply -input=false -no-color -auto-approve >/dev/null
terraform show -no-color > "$out/show.txt"
terraform plan -input=false -no-color -var v=b -var s=s2 -out=plan.bin > "$out/plan.txt"
terraform show -json plan.bin | jq '{outputs: .planned_values.outputs, resource_changes: [.resource_changes[].address]}' > "$out/plan.json"
rm -rf "$work"
