data "aws_iam_policy_document" "this" {
  policy_id = "empty"
}
