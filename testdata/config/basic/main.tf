terraform {
  required_version = ">= 1.5"
  required_providers {
    random = {
      source  = "hashicorp/random"
      version = "~> 3.0"
    }
  }
  backend "local" {
    path = "state/${var.env}.tfstate"
  }
}

variable "env" {
  type    = string
  default = "dev"
}

variable "settings" {
  type = object({
    size = number
    tags = optional(map(string), { team = "data" })
  })
  default = { size = 2 }
}

locals {
  name = "app-${var.env}"
}

resource "random_pet" "name" {
  count  = var.settings.size
  prefix = local.name
  lifecycle {
    create_before_destroy = true
    ignore_changes        = [length]
  }
}

module "net" {
  source = "./modules/net"
  cidr   = "10.0.0.0/16"
}

output "names" {
  value = random_pet.name[*].id
}

moved {
  from = random_pet.old
  to   = random_pet.name
}
