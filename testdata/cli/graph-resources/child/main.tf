variable "in" {}

resource "terraform_data" "c" {
  input = var.in
}

module "grand" {
  source = "./grand"
  x      = terraform_data.c.id
}

output "out" {
  value = module.grand.y
}
