data "aws_iam_policy_document" "this" {
  statement {
    actions = ["s3:*"]
    resources = ["*"]
    condition {
      test = "Null"
      variable = "aws:TokenIssueTime"
      values = []
    }
  }
}
