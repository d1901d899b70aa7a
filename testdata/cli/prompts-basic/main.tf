variable "name" {
  type        = string
  description = "The name to greet.\nSecond line of the description."
}

variable "plain" {
  type = string
}

resource "terraform_data" "a" {
  input = "${var.name}-${var.plain}"
}

output "greeting" {
  value = "hello ${var.name}"
}
