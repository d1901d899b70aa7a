terraform {
  backend "local" {
    path = "state/${local.prefix}-${var.env}.tfstate"
  }
}

variable "env" {
  type = string
}

locals {
  prefix = "team"
}

resource "terraform_data" "x" {
  input = var.env
}
