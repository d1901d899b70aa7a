variable "name" {
  type    = string
  default = "world"
}

resource "terraform_data" "a" {
  input = "hello ${var.name}"
}

resource "terraform_data" "b" {
  count = 2
  input = { k = terraform_data.a.output, n = count.index }
}

check "greeting" {
  assert {
    condition     = var.name == "nobody"
    error_message = "The name is not nobody."
  }
}

output "a" {
  value = terraform_data.a.output
}

output "secret" {
  value     = "s3cret"
  sensitive = true
}
