# Updates of lists, sets, maps and nested blocks of schema-typed attributes with hashicorp/aws
# on terrane's local cloud: applied with gen = 1, then planned with gen = 2.
terraform {
  required_providers {
    aws = { source = "hashicorp/aws" }
  }
}

variable "endpoint" {
  type = string
}

variable "gen" {
  type    = number
  default = 1
}

variable "secret" {
  type      = string
  sensitive = true
  default   = "s3cr3t"
}

variable "secret_thumb" {
  type      = string
  sensitive = true
  default   = "cccccccccccccccccccccccccccccccccccccccc"
}

locals {
  two = var.gen == 2
}

provider "aws" {
  region                      = "us-east-1"
  access_key                  = "test"
  secret_key                  = "test"
  skip_credentials_validation = true
  skip_metadata_api_check     = true
  skip_requesting_account_id  = false
  endpoints {
    ec2      = var.endpoint
    iam      = var.endpoint
    sts      = var.endpoint
    dynamodb = var.endpoint
    s3       = var.endpoint
  }
  s3_use_path_style = true
}

# A map: a value changed, a key added, a key removed, a sensitive value.
resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
  tags = local.two ? {
    Name   = "main"
    team   = "platform"
    added  = "yes"
    secret = var.secret
  } : {
    Name    = "main"
    team    = "data"
    removed = "soon"
    secret  = var.secret
  }
}

# A set of objects (ingress, egress) whose lists of strings change.
resource "aws_security_group" "web" {
  name        = "web"
  description = "web"
  vpc_id      = aws_vpc.main.id

  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = local.two ? ["10.0.0.0/8", "192.168.0.0/16", "172.16.0.0/12"] : ["10.0.0.0/8", "172.16.0.0/12"]
  }

  ingress {
    from_port   = local.two ? 8443 : 443
    to_port     = local.two ? 8443 : 443
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }

  dynamic "ingress" {
    for_each = local.two ? [] : [1]
    content {
      from_port   = 80
      to_port     = 80
      protocol    = "tcp"
      cidr_blocks = ["0.0.0.0/0"]
    }
  }

  egress {
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = local.two ? ["10.0.0.0/8"] : ["0.0.0.0/0"]
  }

  tags = {
    Name = "web"
  }
}

# A set of strings and a list of strings, one element sensitive.
resource "aws_iam_openid_connect_provider" "ci" {
  url             = "https://token.example.com"
  client_id_list  = local.two ? ["sts.amazonaws.com", "ci", "deploy"] : ["sts.amazonaws.com", "build"]
  thumbprint_list = local.two ? ["aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "dddddddddddddddddddddddddddddddddddddddd", var.secret_thumb] : ["aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", var.secret_thumb]
}

data "aws_iam_policy_document" "assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["ec2.amazonaws.com"]
    }
  }
}

# Set-nested blocks: one kept, one changed, one removed, one added.
resource "aws_iam_role" "app" {
  name               = "app"
  assume_role_policy = data.aws_iam_policy_document.assume.json

  inline_policy {
    name   = "keep"
    policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "s3:ListBucket", Resource = "*" }] })
  }

  inline_policy {
    name   = "change"
    policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = local.two ? "s3:PutObject" : "s3:GetObject", Resource = "*" }] })
  }

  dynamic "inline_policy" {
    for_each = local.two ? ["added"] : ["removed"]
    content {
      name   = inline_policy.value
      policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "sqs:SendMessage", Resource = "*" }] })
    }
  }
}

# Set-nested and list-nested blocks of a table: an attribute and an index added, ttl changed.
resource "aws_dynamodb_table" "events" {
  name         = "events"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "pk"

  attribute {
    name = "pk"
    type = "S"
  }

  dynamic "attribute" {
    for_each = local.two ? ["owner", "created_at"] : []
    content {
      name = attribute.value
      type = "S"
    }
  }

  dynamic "global_secondary_index" {
    for_each = local.two ? ["by_owner"] : []
    content {
      name               = global_secondary_index.value
      hash_key           = "owner"
      range_key          = "created_at"
      projection_type    = "INCLUDE"
      non_key_attributes = ["title", "size"]
    }
  }

  ttl {
    attribute_name = local.two ? "expires_at" : ""
    enabled        = local.two
  }

  tags = {
    Name   = "events"
    secret = var.secret
  }
}

resource "aws_s3_bucket" "logs" {
  bucket = "render-logs"
}

# List-nested blocks: the first changed, the second removed, a third added; nested lists and sets inside.
resource "aws_s3_bucket_lifecycle_configuration" "logs" {
  bucket = aws_s3_bucket.logs.id

  rule {
    id     = "expire"
    status = "Enabled"
    filter {
      prefix = "tmp/"
    }
    expiration {
      days = local.two ? 14 : 7
    }
  }

  dynamic "rule" {
    for_each = local.two ? [] : ["archive"]
    content {
      id     = rule.value
      status = "Enabled"
      filter {
        prefix = "old/"
      }
      transition {
        days          = 30
        storage_class = "GLACIER"
      }
    }
  }

  dynamic "rule" {
    for_each = local.two ? ["cold"] : []
    content {
      id     = rule.value
      status = "Disabled"
      filter {
        prefix = "cold/"
      }
      transition {
        days          = 60
        storage_class = "STANDARD_IA"
      }
      transition {
        days          = 90
        storage_class = "GLACIER"
      }
    }
  }
}

resource "aws_iam_user" "ci" {
  name = "ci"
}

resource "aws_iam_group" "all" {
  for_each = toset(["readers", "writers", "admins"])
  name     = each.key
}

# A set of strings referring to other objects.
resource "aws_iam_user_group_membership" "ci" {
  user   = aws_iam_user.ci.name
  groups = local.two ? [aws_iam_group.all["readers"].name, aws_iam_group.all["admins"].name] : [aws_iam_group.all["readers"].name, aws_iam_group.all["writers"].name]
}

resource "aws_security_group" "rules" {
  name        = "rules"
  description = "rules"
  vpc_id      = aws_vpc.main.id
}

# A list of strings whose change forces replacement.
resource "aws_security_group_rule" "https" {
  type              = "ingress"
  security_group_id = aws_security_group.rules.id
  from_port         = 443
  to_port           = 443
  protocol          = "tcp"
  description       = "https"
  cidr_blocks       = local.two ? ["10.1.0.0/16", "10.2.0.0/16"] : ["10.1.0.0/16"]
}
