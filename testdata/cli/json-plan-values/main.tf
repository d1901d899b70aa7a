variable "secret" {
  default   = "s3cr3t"
  sensitive = true
}
resource "terraform_data" "a" {
  input = { name = "x", list = ["a", "b"], secret = var.secret }
}
resource "terraform_data" "b" {
  input            = "keep"
  triggers_replace = [terraform_data.a.output.name]
}
resource "terraform_data" "gone" {
  input = 1
}
output "o" { value = terraform_data.b.output }
output "obj" { value = { id = terraform_data.a.id, fixed = "f" } }
