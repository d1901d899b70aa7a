#!/bin/sh
# Regenerates terraform/*.json with a real terraform (1.11.4 made the committed ones):
# `relevant_attributes` of `show -json` for a first plan, a plan with nothing to change,
# a destroy plan and a refresh-only plan. Run from this folder: sh make-goldens.sh
set -e
here=$(pwd)
work=$(mktemp -d)
cp -R main.tf mod "$work"
mkdir -p terraform
cd "$work"
export TF_CLI_CONFIG_FILE=/dev/null TF_IN_AUTOMATION=1
terraform init -input=false -no-color >/dev/null
rel() { terraform plan -input=false -no-color "$@" -out=plan.bin >/dev/null && terraform show -json plan.bin | jq '.relevant_attributes'; }
rel > "$here/terraform/create.json"
terraform apply -input=false -no-color -auto-approve >/dev/null
rel > "$here/terraform/no-changes.json"
rel -destroy > "$here/terraform/destroy.json"
rel -refresh-only > "$here/terraform/refresh-only.json"
rm -rf "$work"
