variable "v" {
  type    = string
  default = "one"
}

variable "w" {
  type    = list(string)
  default = []
}

module "m" {
  source = "./mod"
}

resource "terraform_data" "a" {
  input = var.v
}

output "o" {
  value = terraform_data.a.output
}

output "m" {
  value = module.m.out
}
