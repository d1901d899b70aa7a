variable "v" {
  default = "1"
}
provider "terraform" {}
resource "terraform_data" "a" {
  input = "a-${var.v}"
}
resource "terraform_data" "c" {
  depends_on = [module.mm]
  lifecycle {
    create_before_destroy = true
  }
}
module "mm" {
  source = "./mm"
  count  = 2
}
