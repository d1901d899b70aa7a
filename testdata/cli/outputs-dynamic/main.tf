# terraform_data's input and output are dynamic in its schema: outputs holding whole
# objects save them with the concrete type of what they hold.
resource "terraform_data" "a" {
  input = {
    name = "x"
    tags = ["a", "b"]
    n    = 3
  }
}

resource "terraform_data" "b" {
  input = "hello"
}

resource "terraform_data" "c" {}

resource "terraform_data" "each" {
  for_each = toset(["k1", "k2"])
  input    = { key = each.key, list = [1, 2] }
}

output "whole" {
  value = terraform_data.a
}

output "string_input" {
  value = terraform_data.b
}

output "no_input" {
  value = terraform_data.c
}

output "tuple" {
  value = [terraform_data.a.output, terraform_data.b]
}

output "each" {
  value = terraform_data.each
}

output "sensitive" {
  value     = terraform_data.a
  sensitive = true
}
