# Outputs of refresh-only plans and applies, compared with terraform 1.11.4 (see README.md).
variable "v" { default = "a" }
variable "w" { default = "a" }

resource "terraform_data" "a" {
  input = var.v
}

# Not created yet when w = "b": refresh-only sees it unknown.
resource "terraform_data" "n" {
  count = var.w == "a" ? 0 : 1
  input = "new"
}

output "x" { value = terraform_data.a.output }
output "c" { value = "c-${var.w}" }
output "n" { value = one(terraform_data.n[*].id) }
output "s" {
  value     = "secret-${var.w}"
  sensitive = true
}
