data "aws_iam_policy_document" "this" {
  statement {
    sid = "One"
    actions = ["a:b"]
    resources = ["r1"]
  }
  statement {
    sid = "Two"
    effect = "Deny"
    not_actions = ["c:d", "c:e"]
    resources = ["r2"]
  }
  statement {
    sid = "Three"
    actions = ["e:f"]
    not_resources = ["r3", "r4"]
    condition {
      test = "ArnLike"
      variable = "aws:SourceArn"
      values = ["arn:aws:sns:*:*:t"]
    }
  }
}
