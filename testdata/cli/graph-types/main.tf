variable "n" {
  default = 2
}
locals {
  name = "x-${var.n}"
}
resource "terraform_data" "a" {
  input = local.name
}
resource "terraform_data" "b" {
  count = var.n
  input = terraform_data.a.output
}
resource "terraform_data" "c" {
  depends_on = [terraform_data.b]
  lifecycle {
    create_before_destroy = true
  }
}
module "m" {
  source = "./mod"
  in     = terraform_data.a.id
}
output "o" {
  value = module.m.out
}
