variable "in" {}
resource "terraform_data" "x" {
  for_each = toset(["p", "q"])
  input    = var.in
}
output "out" {
  value = terraform_data.x["p"].id
}
