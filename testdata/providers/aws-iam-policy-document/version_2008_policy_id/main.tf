data "aws_iam_policy_document" "this" {
  version = "2008-10-17"
  policy_id = "my-policy"
  statement {
    actions = ["sqs:SendMessage"]
    resources = ["*"]
  }
}
