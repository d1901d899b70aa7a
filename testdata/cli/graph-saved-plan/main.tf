# Planned with -var v=2 -var n=1 against prior.tfstate: replacements (c is
# create_before_destroy, which forces it on b), an update (a), a count shrink (d) and an
# orphan (terraform_data.gone, declared with count = var.n - 1 when prior.tfstate was made).
variable "v" {
  default = "1"
}
variable "n" {
  default = 2
}
resource "terraform_data" "a" {
  input = "a-${var.v}"
}
resource "terraform_data" "b" {
  count            = 2
  triggers_replace = [var.v]
  input            = terraform_data.a.output
}
resource "terraform_data" "c" {
  triggers_replace = [var.v]
  input            = terraform_data.b[*].id
  lifecycle {
    create_before_destroy = true
  }
}
resource "terraform_data" "d" {
  count = var.n
  input = terraform_data.a.id
}
output "o" {
  value = terraform_data.c.id
}
