# Applied with the defaults, then planned with -var v=two -var n=3: the precondition of
# bad fails, after the walk planned updates and found orphans (count and for_each
# shrinks, module instances gone). terraform 1.11.4 lists those deletions in the errored plan.
variable "v" { default = "one" }
variable "n" { default = 12 }

resource "terraform_data" "z" {
  input = var.v
}
resource "terraform_data" "a" {
  count = var.n
  input = "${var.v}${count.index}"
}
resource "terraform_data" "m" {
  for_each = toset(var.n > 5 ? ["q", "b", "k", "B"] : ["q"])
  input    = "${var.v}${each.key}"
}
module "c" {
  source = "./mod"
  count  = var.n
  v      = var.v
}
module "d" {
  source   = "./mod"
  for_each = toset(["x", "X"])
  v        = var.v
}
resource "terraform_data" "bad" {
  input = "b"
  lifecycle {
    precondition {
      condition     = terraform_data.z.input == "one"
      error_message = "nope."
    }
  }
}
resource "terraform_data" "after" {
  input = terraform_data.bad.id
}
output "x" { value = terraform_data.z.output }
