terraform {
  required_providers {
    random = {
      source  = "hashicorp/random"
      version = "~> 3.6"
    }
  }
}

resource "random_id" "server" {
  byte_length = 8
  prefix      = "srv-"
  keepers = {
    ami = "ami-1"
  }
}

resource "random_string" "suffix" {
  length  = 12
  special = false
}

resource "random_password" "db" {
  length           = 24
  override_special = "_%@"
  min_upper        = 2
}

resource "random_integer" "port" {
  min = 8000
  max = 8999
}

resource "random_pet" "name" {
  length = 3
}

resource "random_uuid" "u" {}

resource "random_shuffle" "az" {
  input        = ["us-east-1a", "us-east-1b", "us-east-1c"]
  result_count = 2
}

output "name" {
  value = "${random_pet.name.id}-${random_string.suffix.result}-${random_integer.port.result}"
}

output "password" {
  value     = random_password.db.result
  sensitive = true
}

output "azs" {
  value = random_shuffle.az.result
}
