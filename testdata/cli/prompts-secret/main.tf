variable "secret" {
  type      = string
  sensitive = true
}

resource "terraform_data" "s" {
  input = var.secret
}
