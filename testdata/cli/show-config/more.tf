variable "name" {
  type        = string
  default     = "world"
  description = "Who to greet"
}

variable "secret" {
  type      = string
  sensitive = true
  default   = "x"
}

variable "req" {
  type = number
  default = 3
}

locals {
  greeting = "hello ${var.name}"
}

resource "terraform_data" "a1" {
  input            = local.greeting
  triggers_replace = [var.name, 1]
}

resource "terraform_data" "b1" {
  count = 2
  input = { k = terraform_data.a1.output, n = count.index }
  depends_on = [terraform_data.a1]
}

resource "terraform_data" "c1" {
  for_each = toset(["x", "y"])
  input    = each.key
  lifecycle {
    create_before_destroy = true
  }
}

data "terraform_remote_state" "r" {
  backend = "local"
  config = {
    path = "other.tfstate"
  }
  defaults = { o = var.req }
}

module "child_a" {
  source = "./mod"
  in     = terraform_data.a1.output
}

output "a1" {
  value       = terraform_data.a1.output
  description = "the a"
}

output "s" {
  value      = var.secret
  sensitive  = true
  depends_on = [terraform_data.b1]
}
