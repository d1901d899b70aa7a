#!/bin/sh
# Regenerates the Terraform-made golden of the validate-aws-cidr fixture with a real
# terraform (1.11.4 with hashicorp/aws 5.100.0 made the committed one); validate calls no AWS API:
#   sh make-goldens.sh <fixture-dir> <filesystem mirror holding hashicorp/aws>
set -e
fixture=$(cd "$1" && pwd)
mirror=$(cd "$2" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$fixture/main.tf" "$work/"
cd "$work"
printf 'provider_installation {\n  filesystem_mirror {\n    path    = "%s"\n    include = ["registry.terraform.io/hashicorp/aws"]\n  }\n}\n' "$mirror" > tfrc
export TF_CLI_CONFIG_FILE="$work/tfrc" TF_IN_AUTOMATION=
terraform init -input=false -no-color >/dev/null
terraform validate -no-color > "$fixture/terraform/validate.txt" 2>&1 || true
