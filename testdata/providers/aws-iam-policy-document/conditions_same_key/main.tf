data "aws_iam_policy_document" "this" {
  statement {
    actions = ["s3:GetObject"]
    resources = ["*"]
    condition {
      test = "StringEquals"
      variable = "aws:SourceAccount"
      values = ["111111111111"]
    }
    condition {
      test = "StringEquals"
      variable = "aws:SourceAccount"
      values = ["222222222222", "333333333333"]
    }
    condition {
      test = "StringEquals"
      variable = "aws:SourceAccount"
      values = ["000000000000"]
    }
  }
}
