# A data-platform network's security groups (scenario 3): SSH only from one developer
# address, the web UIs open, a database group reached from the web group through separate
# rule resources, and the web group looked up again by a data source.
terraform {
  required_providers {
    aws = { source = "hashicorp/aws" }
  }
}

provider "aws" {
  region = "us-east-1"
}

variable "developer_ip" {
  type    = string
  default = "203.0.113.7/32"
}

variable "web_ports" {
  type    = list(number)
  default = [3000, 8080]
}

resource "aws_vpc" "main" {
  cidr_block = "10.20.0.0/16"
}

resource "aws_security_group" "web" {
  name        = "data-platform-web"
  description = "SSH from the developer, web UIs from anywhere"
  vpc_id      = aws_vpc.main.id

  ingress {
    description = "SSH"
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = [var.developer_ip]
  }

  dynamic "ingress" {
    for_each = var.web_ports
    content {
      description = "web UI ${ingress.value}"
      from_port   = ingress.value
      to_port     = ingress.value
      protocol    = "6"
      cidr_blocks = ["0.0.0.0/0"]
    }
  }

  egress {
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }

  tags = { Name = "data-platform-web" }
}

resource "aws_security_group" "db" {
  name_prefix = "data-platform-db-"
  vpc_id      = aws_vpc.main.id
}

resource "aws_vpc_security_group_ingress_rule" "db_from_web" {
  security_group_id            = aws_security_group.db.id
  referenced_security_group_id = aws_security_group.web.id
  ip_protocol                  = "tcp"
  from_port                    = 5432
  to_port                      = 5432
}

resource "aws_vpc_security_group_egress_rule" "db_out" {
  security_group_id = aws_security_group.db.id
  cidr_ipv4         = aws_vpc.main.cidr_block
  ip_protocol       = "-1"
}

resource "aws_security_group_rule" "db_self" {
  type              = "ingress"
  security_group_id = aws_security_group.db.id
  protocol          = "all"
  from_port         = 0
  to_port           = 0
  self              = true
}

data "aws_security_group" "web" {
  id = aws_security_group.web.id
}

output "web_id" {
  value = aws_security_group.web.id
}

output "web_arn" {
  value = data.aws_security_group.web.arn
}

output "db_name" {
  value = aws_security_group.db.name
}
