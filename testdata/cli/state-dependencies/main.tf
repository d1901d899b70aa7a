# A chain through a resource, a local and a variable (c <- b <- local.l <- a), a module
# call and its output, count, depends_on, and a data source that depends on a resource.
resource "terraform_data" "c" { input = "c" }
resource "terraform_data" "b" { input = terraform_data.c.output }
locals { l = terraform_data.b.id }
variable "v" { default = "x" }
resource "terraform_data" "a" { input = "${local.l}-${var.v}" }
module "mod" {
  source = "./m"
  in     = terraform_data.a.id
}
resource "terraform_data" "after" { input = module.mod.out }
resource "terraform_data" "cnt" {
  count = 2
  input = terraform_data.after.id
}
resource "terraform_data" "dep" {
  depends_on = [terraform_data.cnt, module.mod]
}
data "terraform_remote_state" "r" {
  backend  = "local"
  config   = { path = "other.tfstate" }
  defaults = { z = terraform_data.c.output }
}
resource "terraform_data" "usesdata" { input = data.terraform_remote_state.r.outputs.o }
output "o" { value = terraform_data.dep.id }
