variable "in" {
  type = string
}
resource "terraform_data" "m" {
  input = var.in
}
output "out" {
  value = terraform_data.m.output
}
