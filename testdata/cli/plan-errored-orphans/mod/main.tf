variable "v" {}
resource "terraform_data" "y" {
  input = var.v
}
