variable "region" {
  type    = string
  default = "us-east-1"
}

variable "cidrs" {
  type = list(string)
}

variable "settings" {
  type = object({
    name = string
    size = optional(number, 10)
  })
  default = { name = "app" }
}

variable "password" {
  type      = string
  default   = "hunter2"
  sensitive = true
}

locals {
  subnets = { for i, c in var.cidrs : "subnet-${i}" => c }
  prefix  = "${var.region}-${terraform.workspace}"
  upper   = upper(local.prefix)
}

resource "aws_instance" "web" {
  ami = "ami-123"
}

data "aws_ami" "ubuntu" {
  most_recent = true
}
