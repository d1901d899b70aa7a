#!/bin/sh
# Regenerates terraform/*.json with a real terraform (1.11.4 made the committed ones):
# `show -json` of the first plan, of the state after applying it, and of the plan that
# moves to next/main.tf. Run from this folder: sh make-goldens.sh
set -e
here=$(pwd)
work=$(mktemp -d)
cp main.tf "$work"
mkdir -p terraform
cd "$work"
export TF_CLI_CONFIG_FILE=/dev/null TF_IN_AUTOMATION=1
terraform init -input=false -no-color >/dev/null
terraform plan -input=false -no-color -out=plan.bin >/dev/null
terraform show -json plan.bin | jq . > "$here/terraform/plan-create.json"
terraform apply -input=false -no-color -auto-approve plan.bin >/dev/null
terraform show -json | jq . > "$here/terraform/state.json"
cp "$here/next/main.tf" main.tf
terraform plan -input=false -no-color -out=plan.bin >/dev/null
terraform show -json plan.bin | jq . > "$here/terraform/plan-update.json"
rm -rf "$work"
