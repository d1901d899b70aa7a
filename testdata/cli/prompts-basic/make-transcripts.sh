#!/bin/sh
# Records what terraform (1.11.4 made the committed files) prints at its prompts, on a
# pseudo-terminal made by util-linux `script`: sh make-transcripts.sh
# Run from this folder; writes terraform/*.txt here and in ../prompts-secret.
set -e
here=$(pwd)
export TF_CLI_CONFIG_FILE=/dev/null TF_IN_AUTOMATION=
session() { # dir out-file command answers...
  dir=$1 out=$2 cmd=$3; shift 3
  (sleep 3; for a in "$@"; do printf '%s\n' "$a"; sleep 2; done; sleep 3) | (cd "$dir" && timeout 60 script -qec "$cmd" /dev/null > "$out.raw") || true
  tr -d '\r' < "$out.raw" > "$out"
  rm -f "$out.raw"
}
for fixture in prompts-basic prompts-secret; do
  src="$here/../$fixture"
  work=$(mktemp -d)
  cp "$src/main.tf" "$work/"
  mkdir -p "$src/terraform"
  (cd "$work" && terraform init -input=false -no-color >/dev/null)
  if [ "$fixture" = prompts-basic ]; then
    session "$work" "$src/terraform/apply-no.txt" 'terraform apply -no-color' World p no
    session "$work" "$src/terraform/apply-yes.txt" 'terraform apply -no-color' World p yes
    session "$work" "$src/terraform/destroy-no.txt" 'terraform destroy -no-color' World p nope
    (cd "$work" && terraform plan -input=false -no-color > /dev/null 2> "$src/terraform/plan-input-false.stderr.txt" || true)
    (cd "$work" && terraform destroy -no-color -var name=World -var plain=p < /dev/null > "$src/terraform/destroy-eof.stdout.txt" 2> "$src/terraform/destroy-eof.stderr.txt" || true)
  else
    session "$work" "$src/terraform/apply-no.txt" 'terraform apply -no-color' hunter2 no
  fi
  rm -rf "$work"
done
