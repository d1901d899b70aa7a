data "aws_iam_policy_document" "this" {
  statement {
    sid = "DenyAll"
    effect = "Deny"
    actions = ["*"]
    resources = ["*"]
  }
  statement {
    sid = ""
    actions = ["iam:GetUser"]
    resources = ["*"]
  }
}
