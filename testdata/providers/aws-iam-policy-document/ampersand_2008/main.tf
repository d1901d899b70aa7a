data "aws_iam_policy_document" "this" {
  version = "2008-10-17"
  statement {
    actions = ["s3:*"]
    resources = ["arn:aws:s3:::&{aws:username}"]
  }
}
