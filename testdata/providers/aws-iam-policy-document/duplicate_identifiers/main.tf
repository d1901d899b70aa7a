data "aws_iam_policy_document" "this" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type = "AWS"
      identifiers = ["a"]
    }
    principals {
      type = "AWS"
      identifiers = ["b"]
    }
    principals {
      type = "Service"
      identifiers = ["s.amazonaws.com"]
    }
  }
}
