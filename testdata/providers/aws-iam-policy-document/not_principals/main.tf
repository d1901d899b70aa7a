data "aws_iam_policy_document" "this" {
  statement {
    effect = "Deny"
    actions = ["s3:*"]
    resources = ["*"]
    not_principals {
      type = "AWS"
      identifiers = ["arn:aws:iam::123456789012:user/a", "arn:aws:iam::123456789012:user/b"]
    }
  }
}
