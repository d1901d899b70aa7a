# Resources whose attributes change with var.gen: applying gen 1 then gen 2 exercises the provider's update paths.
terraform {
  required_providers {
    aws = { source = "hashicorp/aws", version = "5.100.0" }
  }
}
variable "gen" {
  type    = number
  default = 1
}
variable "endpoint" {
  type = string
}

provider "aws" {
  region                      = "us-east-1"
  access_key                  = "test"
  secret_key                  = "test"
  skip_credentials_validation = true
  skip_metadata_api_check     = true
  endpoints {
    iam      = var.endpoint
    sts      = var.endpoint
    dynamodb = var.endpoint
    sqs      = var.endpoint
    sns      = var.endpoint
    ecr      = var.endpoint
  }
}
resource "aws_iam_policy" "p" {
  name   = "versioned"
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = ["s3:GetObject"], Resource = "arn:aws:s3:::bucket-${var.gen}/*" }] })
  tags   = { gen = tostring(var.gen) }
}
resource "aws_iam_openid_connect_provider" "gh" {
  url             = "https://token.actions.githubusercontent.com"
  client_id_list  = ["sts.amazonaws.com"]
  thumbprint_list = ["6938fd4d98bab03faadb97b34396831e3780aea1"]
}
resource "aws_iam_role" "ci" {
  name = "ci-deploy"
  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Principal = { Federated = aws_iam_openid_connect_provider.gh.arn }, Action = "sts:AssumeRoleWithWebIdentity",
    Condition = { StringLike = { "token.actions.githubusercontent.com:sub" = "repo:org/app:*" } } }] })
  description = "gen ${var.gen}"
  inline_policy {
    name   = "push"
    policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = ["ecr:*"], Resource = "*" }] })
  }
  tags = { gen = tostring(var.gen) }
}
resource "aws_iam_user" "u" { name = "dev" }
resource "aws_iam_group" "g" { name = "g1" }
resource "aws_iam_user_group_membership" "m" {
  user   = aws_iam_user.u.name
  groups = [aws_iam_group.g.name]
}
resource "aws_iam_user_policy_attachment" "a" {
  user       = aws_iam_user.u.name
  policy_arn = aws_iam_policy.p.arn
}
resource "aws_dynamodb_table" "t" {
  name         = "items"
  billing_mode = var.gen == 1 ? "PAY_PER_REQUEST" : "PROVISIONED"
  read_capacity  = var.gen == 1 ? null : 2
  write_capacity = var.gen == 1 ? null : 2
  hash_key     = "id"
  attribute {
    name = "id"
    type = "S"
  }
  tags = { gen = tostring(var.gen) }
}
resource "aws_dynamodb_table_item" "i" {
  table_name = aws_dynamodb_table.t.name
  hash_key   = "id"
  item       = jsonencode({ id = { S = "one" }, gen = { N = tostring(var.gen) } })
}
resource "aws_sqs_queue" "q" {
  name                       = "q1"
  visibility_timeout_seconds = 30 * var.gen
  tags                       = { gen = tostring(var.gen) }
}
resource "aws_sns_topic" "t" {
  name         = "t1"
  display_name = "gen ${var.gen}"
}
resource "aws_sns_topic_policy" "t" {
  arn    = aws_sns_topic.t.arn
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Sid = "pub", Effect = "Allow", Principal = { AWS = "*" }, Action = "SNS:Publish", Resource = aws_sns_topic.t.arn }] })
}
resource "aws_sns_topic_subscription" "s" {
  topic_arn     = aws_sns_topic.t.arn
  protocol      = "sqs"
  endpoint      = aws_sqs_queue.q.arn
  filter_policy = jsonencode({ gen = [tostring(var.gen)] })
}
resource "aws_ecr_repository" "r" {
  name                 = "svc"
  image_tag_mutability = var.gen == 1 ? "MUTABLE" : "IMMUTABLE"
  tags                 = { gen = tostring(var.gen) }
}
resource "aws_ecr_repository_policy" "r" {
  repository = aws_ecr_repository.r.name
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Sid = "pull", Effect = "Allow", Principal = { AWS = "arn:aws:iam::000000000000:root" }, Action = ["ecr:BatchGetImage"] }] })
}
