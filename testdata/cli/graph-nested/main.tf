variable "names" {
  type    = set(string)
  default = ["x", "z"]
}
locals {
  tags = { for n in var.names : n => upper(n) }
}
resource "terraform_data" "base" {
  for_each = local.tags
  input    = each.value
}
module "child" {
  source   = "./child"
  for_each = var.names
  name     = each.key
  base     = terraform_data.base[each.key].id
}
module "after" {
  source     = "./child"
  name       = "after"
  base       = "none"
  depends_on = [module.child]
}
data "terraform_remote_state" "rs" {
  backend = "local"
  config = {
    path = "nothing.tfstate"
  }
  defaults = {
    v = 1
  }
}
resource "terraform_data" "uses_data" {
  input = data.terraform_remote_state.rs.outputs.v
}
output "ids" {
  value = { for k, m in module.child : k => m.id }
}
output "plain" {
  value     = "p"
  sensitive = true
}
