variable "name" {
  type    = string
  default = "web"
}

locals {
  a = local.b
  b = local.a
}
