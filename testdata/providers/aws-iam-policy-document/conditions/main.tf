data "aws_iam_policy_document" "this" {
  statement {
    actions = ["s3:GetObject"]
    resources = ["*"]
    condition {
      test = "StringEquals"
      variable = "aws:PrincipalTag/team"
      values = ["blue"]
    }
    condition {
      test = "StringLike"
      variable = "s3:prefix"
      values = ["home/", "home/*", ""]
    }
    condition {
      test = "Bool"
      variable = "aws:SecureTransport"
      values = ["true"]
    }
    condition {
      test = "StringEquals"
      variable = "aws:RequestedRegion"
      values = ["us-east-1", "eu-west-1"]
    }
  }
}
