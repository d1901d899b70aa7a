# Planned with -var v=2 -var n=1 against prior.tfstate (applied with the defaults):
# only module.m[0] shrinks its count of a (module.m[0].a[1] is destroyed) and of c
# (module.m[0].c[1], which used b, is destroyed); b is updated in both module instances.
variable "v" {
  default = "1"
}
variable "n" {
  default = 2
}
module "m" {
  source = "./mod"
  count  = 2
  n      = count.index == 0 ? var.n : 2
  v      = var.v
}
