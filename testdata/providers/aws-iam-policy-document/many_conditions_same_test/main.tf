data "aws_iam_policy_document" "this" {
  statement {
    actions = ["s3:*"]
    resources = ["*"]
    condition {
      test = "StringLike"
      variable = "s3:prefix"
      values = ["a/*"]
    }
    condition {
      test = "StringLike"
      variable = "s3:prefix"
      values = ["b/*"]
    }
    condition {
      test = "StringLike"
      variable = "s3:prefix"
      values = ["c/*", "d/*"]
    }
    condition {
      test = "StringLike"
      variable = "aws:userid"
      values = ["AIDA*"]
    }
    condition {
      test = "StringLike"
      variable = "s3:prefix"
      values = ["e/*"]
    }
  }
}
