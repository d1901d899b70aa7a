data "aws_iam_policy_document" "this" {
  statement {
    sid = "A"
    actions = ["s3:PutObject"]
    resources = ["*"]
  }
  statement {
    actions = ["ec2:Describe*"]
    resources = ["*"]
  }
  override_policy_documents = ["{\"Version\":\"2012-10-17\",\"Id\":\"over\",\"Statement\":[{\"Sid\":\"A\",\"Effect\":\"Deny\",\"Action\":\"s3:*\",\"Resource\":\"*\"},{\"Sid\":\"Z\",\"Effect\":\"Allow\",\"Action\":\"sns:*\",\"Resource\":\"*\"}]}", "{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"sqs:*\",\"Resource\":\"*\"}]}"]
}
