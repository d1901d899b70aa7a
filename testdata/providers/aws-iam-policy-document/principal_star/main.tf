data "aws_iam_policy_document" "this" {
  statement {
    actions = ["s3:GetObject"]
    resources = ["*"]
    principals {
      type = "*"
      identifiers = ["*"]
    }
  }
}
