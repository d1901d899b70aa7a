data "aws_iam_policy_document" "this" {
  statement {
    actions = ["b:x", "B:x", "\u00e9:x", "a:x", "_:x", "Z:x"]
    resources = ["arn:aws:s3:::b", "arn:aws:s3:::B", "arn:aws:s3:::\u00e9"]
    principals {
      type = "AWS"
      identifiers = ["b", "B", "\u00e9", "a"]
    }
    principals {
      type = "Service"
      identifiers = ["z.amazonaws.com"]
    }
    condition {
      test = "StringEquals"
      variable = "b"
      values = ["1"]
    }
    condition {
      test = "StringEquals"
      variable = "B"
      values = ["2"]
    }
    condition {
      test = "ArnEquals"
      variable = "\u00e9"
      values = ["3"]
    }
  }
}
