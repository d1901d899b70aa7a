variable "list" {
  type    = list(string)
  default = ["a", "b"]
}
variable "obj" {
  default = { z = 1, a = [true, null], m = { k = "v" } }
}
locals {
  m = { k = "v" }
}
resource "terraform_data" "b" {
  count = length(var.list)
  input = {
    one  = terraform_data.b2["x"].output
    two  = module.c2[0].out
    tri  = var.list[0]
    four = local.m["k"]
    five = path.module
    six  = terraform.workspace
    seven = module.child.out
    eight = [for s in var.list : upper(s)]
    nine = "${var.list[1]}-x"
  }
}
resource "terraform_data" "b2" {
  for_each = { x = 1, y = 2 }
  input    = each.value
  triggers_replace = { a = 1, b = "two", c = [1, 2] }
}
module "child" {
  source = "./mod"
  in     = "const"
  depends_on = [terraform_data.b2]
}
module "c2" {
  source = "./mod"
  count  = 2
  in     = var.list[count.index]
}
module "c3" {
  source   = "./mod"
  for_each = toset(var.list)
  in       = each.key
}
