data "aws_iam_policy_document" "this" {
  statement {
    actions = ["s3:ListBucket"]
    resources = ["arn:aws:s3:::home/&{aws:username}/*", "arn:aws:s3:::$${aws:username}"]
    condition {
      test = "StringLike"
      variable = "s3:prefix"
      values = ["&{aws:username}/*"]
    }
    principals {
      type = "AWS"
      identifiers = ["arn:aws:iam::123456789012:user/&{aws:username}"]
    }
  }
}
