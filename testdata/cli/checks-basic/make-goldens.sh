#!/bin/sh
# Regenerates the Terraform-made goldens of a checks-* fixture with a real terraform
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
export TF_CLI_CONFIG_FILE=/dev/null TF_IN_AUTOMATION=1
terraform init -input=false -no-color >/dev/null
terraform plan -input=false -no-color -out=plan.bin >/dev/null || true
terraform show -json plan.bin | jq '.checks' > "$out/plan-checks.json"
terraform show -json plan.bin | jq '.relevant_attributes' > "$out/plan-relevant-attributes.json"
terraform apply -input=false -no-color plan.bin >/dev/null 2>&1 || true
cp terraform.tfstate "$out/apply.tfstate"
terraform show -json | jq '.checks' > "$out/state-checks.json"
terraform refresh -input=false -no-color >/dev/null 2>&1 || true
cp terraform.tfstate "$out/refresh.tfstate"
terraform apply -refresh-only -auto-approve -input=false -no-color >/dev/null 2>&1 || true
cp terraform.tfstate "$out/apply-refresh-only.tfstate"
terraform plan -destroy -input=false -no-color -out=destroy.bin >/dev/null 2>&1 || true
terraform show -json destroy.bin | jq '.checks' > "$out/destroy-plan-checks.json"
terraform apply -input=false -no-color destroy.bin >/dev/null 2>&1 || true
cp terraform.tfstate "$out/destroy.tfstate"
rm -rf "$work"
# A targeted apply on an empty state, when the fixture names a target in its `target` file.
if [ -f "$fixture/target" ]; then
  work=$(mktemp -d)
  cp -R "$fixture"/. "$work"
  rm -rf "$work/terraform"
  cd "$work"
  terraform init -input=false -no-color >/dev/null
  terraform apply -auto-approve -input=false -no-color -target="$(cat target)" >/dev/null 2>&1 || true
  cp terraform.tfstate "$out/apply-target.tfstate"
  rm -rf "$work"
fi
