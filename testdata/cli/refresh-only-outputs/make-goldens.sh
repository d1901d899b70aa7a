#!/bin/sh
# Regenerates the Terraform-made goldens of the refresh-only-outputs fixture with a real
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
# A configuration edit with nothing drifted and no output changed: no changes, exit 0.
set +e
terraform plan -refresh-only -detailed-exitcode -input=false -no-color -var v=b > "$out/plan-unchanged.txt"
echo "exit $?" >> "$out/plan-unchanged.txt"
terraform plan -refresh-only -detailed-exitcode -input=false -no-color -var v=b -var w=b -out=plan.bin > "$out/plan-changed.txt"
echo "exit $?" >> "$out/plan-changed.txt"
set -e
terraform show -json plan.bin | jq '{output_changes, prior_outputs: .prior_state.values.outputs, relevant_attributes, resource_drift}' > "$out/plan.json"
terraform apply -refresh-only -auto-approve -input=false -no-color -var v=b -var w=b > "$out/apply.txt"
jq .outputs terraform.tfstate > "$out/apply-outputs.json"
terraform refresh -input=false -no-color -var v=c -var w=c > "$out/refresh.txt"
jq .outputs terraform.tfstate > "$out/refresh-outputs.json"
rm -rf "$work"
