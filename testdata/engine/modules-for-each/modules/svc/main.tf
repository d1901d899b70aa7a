variable "name" { type = string }
variable "port" { type = number }

resource "terraform_data" "this" {
  input = "${var.name}:${var.port}"
}

output "url" {
  value = "https://${var.name}.example.test:${var.port}"
}

output "id" {
  value = terraform_data.this.id
}
