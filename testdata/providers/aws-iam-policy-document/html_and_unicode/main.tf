data "aws_iam_policy_document" "this" {
  statement {
    sid = "Html"
    actions = ["s3:GetObject"]
    resources = ["arn:aws:s3:::a&b/<x>"]
    condition {
      test = "StringEquals"
      variable = "aws:UserAgent"
      values = ["caf\u00e9 \u2028 \"q\" \\ /"]
    }
  }
}
