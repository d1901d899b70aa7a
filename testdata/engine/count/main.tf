variable "n" {
  type    = number
  default = 3
}

resource "terraform_data" "item" {
  count = var.n
  input = "item-${count.index}"
}
