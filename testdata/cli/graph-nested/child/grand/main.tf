variable "in" {}
resource "terraform_data" "g" {
  count = 2
  input = "${var.in}-2"
  lifecycle {
    create_before_destroy = true
  }
}
output "out" {
  value = terraform_data.g[0].id
}
