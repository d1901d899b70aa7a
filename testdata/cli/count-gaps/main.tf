variable "n" {
  type    = number
  default = 3
}

resource "terraform_data" "x" {
  count = var.n
  input = "v${count.index}"
}

output "all" {
  value = terraform_data.x
}

output "inputs" {
  value = terraform_data.x[*].input
}

output "len" {
  value = length(terraform_data.x)
}
