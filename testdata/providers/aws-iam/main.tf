# An application role with a trust policy from aws_iam_policy_document, a managed policy
# attached to it and to a user, an inline policy, an instance profile, and a user with a
# group and an access key. Endpoints come from TERRANE_CLOUD_ENDPOINT (the local cloud).
terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.0"
    }
  }
}

provider "aws" {
  region = "us-east-1"

  default_tags {
    tags = {
      Project = "terrane-iam"
    }
  }
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

data "aws_iam_policy_document" "read" {
  statement {
    sid       = "Read"
    actions   = ["s3:GetObject", "s3:ListBucket"]
    resources = ["arn:aws:s3:::app-data", "arn:aws:s3:::app-data/*"]
  }
}

resource "aws_iam_role" "app" {
  name               = "app-role"
  assume_role_policy = data.aws_iam_policy_document.assume.json
  tags               = { Name = "app" }
}

resource "aws_iam_policy" "read" {
  name        = "app-read"
  description = "Read the app bucket"
  policy      = data.aws_iam_policy_document.read.json
}

resource "aws_iam_role_policy_attachment" "read" {
  role       = aws_iam_role.app.name
  policy_arn = aws_iam_policy.read.arn
}

resource "aws_iam_role_policy" "logs" {
  name = "logs"
  role = aws_iam_role.app.id
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = ["logs:CreateLogStream", "logs:PutLogEvents"], Resource = "*" }]
  })
}

resource "aws_iam_instance_profile" "app" {
  name = "app-profile"
  role = aws_iam_role.app.name
}

resource "aws_iam_user" "ci" {
  name          = "ci"
  path          = "/automation/"
  force_destroy = true
}

resource "aws_iam_group" "deployers" {
  name = "deployers"
}

resource "aws_iam_user_policy_attachment" "ci" {
  user       = aws_iam_user.ci.name
  policy_arn = aws_iam_policy.read.arn
}

resource "aws_iam_access_key" "ci" {
  user = aws_iam_user.ci.name
}

output "role_arn" {
  value = aws_iam_role.app.arn
}

output "policy_json" {
  value = data.aws_iam_policy_document.read.json
}

output "access_key_id" {
  value = aws_iam_access_key.ci.id
}
