data "aws_iam_policy_document" "this" {
  statement {
    actions = ["s3:*"]
    resources = ["*"]
    principals {
      type = "*"
      identifiers = ["*", "x"]
    }
    not_principals {
      type = "*"
      identifiers = ["*"]
    }
  }
}
