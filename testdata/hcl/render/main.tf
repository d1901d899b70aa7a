variable "x" {
  type = string
  foo  = 1
}

locals {
  a = 1
}

output "o" {
  value = local.a
  valu = 2
}
