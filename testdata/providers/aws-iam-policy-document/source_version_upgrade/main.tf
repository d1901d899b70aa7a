data "aws_iam_policy_document" "this" {
  version = "2008-10-17"
  source_policy_documents = ["{\"Version\":\"2012-10-17\",\"Statement\":[]}"]
  statement {
    actions = ["s3:*"]
    resources = ["*"]
  }
}
