variable "name" {}
variable "base" {}
resource "terraform_data" "r" {
  input = "${var.name}-${var.base}"
}
module "grand" {
  source = "./grand"
  in     = terraform_data.r.output
}
output "id" {
  value = module.grand.out
}
