resource "terraform_data" "a" {
}

resource "terraform_data" "b" {
  input = {
    name  = "hello"
    ports = [80, 443]
  }
}

resource "terraform_data" "c" {
  input = "created"
}

import {
  to = terraform_data.a
  id = "abc-123"
}

import {
  to = terraform_data.b
  id = "def-456"
}

output "b" {
  value = terraform_data.b.output
}
