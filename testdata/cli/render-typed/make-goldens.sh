#!/bin/sh
# Regenerates the Terraform-made golden of the render-typed fixture with a real terraform
# (1.11.4 with hashicorp/aws 5.100.0 made the committed one) against terrane's local cloud:
#   sh make-goldens.sh <fixture-dir> <filesystem mirror holding hashicorp/aws>
# Run from a built terrane checkout (bin/terrane.js starts the cloud).
set -e
fixture=$(cd "$1" && pwd)
mirror=$(cd "$2" && pwd)
terrane="$fixture/../../../bin/terrane.js"
work=$(mktemp -d)
cp "$fixture/main.tf" "$work/"
cd "$work"
out="$fixture/terraform"
mkdir -p "$out"
node "$terrane" cloud start -port 0 -data "$work/cloud" -detach > cloud.txt
endpoint=$(grep -o 'http://[0-9.:]*' cloud.txt)
trap 'node "$terrane" cloud stop -data "$work/cloud" >/dev/null; rm -rf "$work"' EXIT
printf 'provider_installation {\n  filesystem_mirror {\n    path    = "%s"\n    include = ["registry.terraform.io/hashicorp/aws"]\n  }\n}\n' "$mirror" > tfrc
echo "endpoint = \"$endpoint\"" > terraform.tfvars
export TF_CLI_CONFIG_FILE="$work/tfrc" TF_IN_AUTOMATION=
terraform init -input=false -no-color >/dev/null
terraform apply -input=false -no-color -auto-approve -var gen=1 >/dev/null
terraform plan -input=false -no-color -var gen=2 > "$out/plan.txt"
