variable "n" {
  default = 2
}

locals {
  base = terraform_data.root.id
}

resource "terraform_data" "root" {}

resource "terraform_data" "counted" {
  count = var.n
  input = local.base
}

resource "terraform_data" "each" {
  for_each = toset(["a", "b"])
  input    = module.child.out
}

data "terraform_remote_state" "rs" {
  backend = "local"
  config = {
    path = "nothing.tfstate${substr(terraform_data.counted[0].id, 0, 0)}"
  }
}

module "child" {
  source = "./child"
  in     = local.base
}

resource "terraform_data" "after" {
  depends_on = [module.child]
}

output "o" {
  value = data.terraform_remote_state.rs.outputs
}
