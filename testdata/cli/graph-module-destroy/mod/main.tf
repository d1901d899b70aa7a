variable "n" {}
variable "v" {}
resource "terraform_data" "a" {
  count = var.n
  input = "a${count.index}"
}
resource "terraform_data" "b" {
  input = "${var.v}-${length(terraform_data.a)}"
}
resource "terraform_data" "c" {
  count = var.n
  input = terraform_data.b.id
}
