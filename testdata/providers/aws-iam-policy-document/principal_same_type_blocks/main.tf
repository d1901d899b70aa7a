data "aws_iam_policy_document" "this" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type = "AWS"
      identifiers = ["arn:aws:iam::111111111111:root"]
    }
    principals {
      type = "AWS"
      identifiers = ["arn:aws:iam::222222222222:root", "arn:aws:iam::333333333333:root"]
    }
    principals {
      type = "AWS"
      identifiers = ["444444444444"]
    }
  }
}
