data "aws_iam_policy_document" "this" {
  statement {
    sid = "A"
    actions = ["a:b"]
    resources = ["*"]
  }
  statement {
    sid = "A"
    actions = ["c:d"]
    resources = ["*"]
  }
}
