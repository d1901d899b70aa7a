data "aws_iam_policy_document" "this" {
  policy_id = "cfg"
  statement {
    sid = "S1"
    actions = ["a:b"]
    resources = ["*"]
  }
  statement {
    sid = "S2"
    actions = ["c:d"]
    resources = ["*"]
  }
  source_policy_documents = ["{\"Id\":\"src\",\"Statement\":[{\"Sid\":\"\",\"Effect\":\"Allow\",\"Action\":\"x:y\",\"Resource\":\"*\"},{\"Sid\":\"\",\"Effect\":\"Deny\",\"Action\":\"x:z\",\"Resource\":\"*\"}]}"]
  override_policy_documents = ["{\"Statement\":[{\"Sid\":\"S2\",\"Effect\":\"Deny\",\"NotAction\":[\"c:d\",\"a:a\"],\"NotResource\":\"arn:aws:s3:::x\"}]}"]
}
