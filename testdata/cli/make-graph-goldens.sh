#!/bin/sh
# Regenerates the Terraform-made goldens of a graph-* fixture with a real terraform (1.11.4
# made the committed ones): sh make-graph-goldens.sh <fixture-dir>
# Writes terraform/empty-TYPE.dot (no state) and, when the fixture has prior.tfstate (a
# state terraform wrote; see the fixture's README), terraform/state-TYPE.dot against it;
# TYPE "resources" is the default graph (no -type), which shows only the resources.
# A configuration that does not validate (a cycle) gets terraform/draw-cycles.dot only.
# With a plan-args file, also the apply graphs of saved plans made against prior.tfstate:
# terraform/saved-plan.dot (plan ARGS) and saved-destroy.dot (plan -destroy), with the
# random deposed keys written as 00000000. Only the builtin terraform provider is used.
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
graphs() {
  for t in plan plan-refresh-only plan-destroy apply; do
    terraform graph -type=$t > "$out/$1-$t.dot"
  done
  terraform graph > "$out/$1-resources.dot"
}
# A configuration with a dependency cycle has only its -draw-cycles picture.
if terraform validate -no-color 2>&1 | grep -q '^Error: Cycle'; then
  terraform graph -type=plan -draw-cycles > "$out/draw-cycles.dot"
  rm -rf "$work"
  exit 0
fi
graphs empty
if [ -f prior.tfstate ]; then
  cp prior.tfstate terraform.tfstate
  graphs state
  if [ -f plan-args ]; then
    terraform plan -input=false $(cat plan-args) -out=p.bin >/dev/null
    terraform graph -plan=p.bin | sed -E 's/deposed [0-9a-f]{8}/deposed 00000000/g' > "$out/saved-plan.dot"
    terraform plan -input=false -destroy -out=d.bin >/dev/null
    terraform graph -plan=d.bin > "$out/saved-destroy.dot"
  fi
fi
rm -rf "$work"
