# A local and a resource that read each other: terraform 1.11.4 `validate` says
#   Error: Cycle: local.x (expand), terraform_data.c
# with no detail (and "detail": "" in -json).
locals {
  x = terraform_data.c.id
}

resource "terraform_data" "c" {
  input = local.x
}
