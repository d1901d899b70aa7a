data "aws_iam_policy_document" "this" {
  statement {
    actions = ["s3:PutObject", "s3:GetObject", "s3:ListBucket", "ec2:*"]
    resources = ["arn:aws:s3:::b", "arn:aws:s3:::a/*", "*"]
  }
}
