#!/bin/sh
# Regenerates the Terraform-made golden of the render-strings fixture with a real terraform
# (1.11.4 made the committed one): sh make-goldens.sh <fixture-dir>
# Only the builtin terraform provider is used, so no network is needed.
set -e
fixture=$(cd "$1" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$fixture/main.tf" "$work/"
cd "$work"
mkdir -p "$fixture/terraform"
export TF_CLI_CONFIG_FILE=/dev/null TF_IN_AUTOMATION=
terraform init -input=false -no-color >/dev/null
terraform apply -input=false -no-color -auto-approve >/dev/null
terraform plan -input=false -no-color -var v=2 > "$fixture/terraform/plan.txt"
