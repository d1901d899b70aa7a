data "aws_iam_policy_document" "this" {
  statement {
    not_actions = ["iam:*", "sts:AssumeRole"]
    not_resources = ["arn:aws:s3:::x"]
  }
}
