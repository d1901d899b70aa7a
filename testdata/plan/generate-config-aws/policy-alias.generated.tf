# __generated__ by Terraform
# Please review these resources and move them into your main configuration files.

# __generated__ by Terraform from "arn:aws:iam::000000000000:policy/team/reader"
resource "aws_iam_policy" "reader" {
  description = "Read the bucket"
  name        = "reader"
  name_prefix = null
  path        = "/team/"
  policy = jsonencode({
    Statement = [{
      Action = ["s3:GetObject", "s3:ListBucket"]
      Condition = {
        NumericLessThan = {
          "s3:max-keys" = 10
        }
      }
      Effect   = "Allow"
      Resource = ["arn:aws:s3:::data", "arn:aws:s3:::data/*"]
      Sid      = "Read"
    }]
    Version = "2012-10-17"
  })
  tags     = {}
  tags_all = {}
}

# __generated__ by Terraform from "sg-091da38b69a9d06c7"
resource "aws_security_group" "odd" {
  provider    = aws.west
  description = "Say \"hi\" $${x}"
  egress = [{
    cidr_blocks      = ["0.0.0.0/0"]
    description      = ""
    from_port        = 0
    ipv6_cidr_blocks = []
    prefix_list_ids  = []
    protocol         = "-1"
    security_groups  = []
    self             = false
    to_port          = 0
  }]
  ingress                = []
  name                   = "odd-tags"
  name_prefix            = null
  revoke_rules_on_delete = null
  tags = {
    Name        = "odd"
    "a b"       = "c"
    cost-center = "42"
  }
  tags_all = {
    Name        = "odd"
    "a b"       = "c"
    cost-center = "42"
  }
  vpc_id = "vpc-05e15af734801b10b"
}
