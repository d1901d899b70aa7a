data "aws_iam_policy_document" "this" {
  source_policy_documents = ["{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"A\",\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\"},{\"Effect\":\"Allow\",\"Action\":[\"sqs:b\",\"sqs:a\"],\"Resource\":[\"y\",\"x\"]}]}", "{\"Statement\":[{\"Sid\":\"B\",\"Effect\":\"Deny\",\"NotAction\":\"iam:*\",\"Resource\":\"*\",\"Principal\":{\"AWS\":[\"b\",\"a\",\"c\"],\"Service\":\"x.amazonaws.com\"},\"Condition\":{\"Bool\":{\"aws:SecureTransport\":false},\"StringEquals\":{\"k\":[\"v2\",\"v1\"],\"j\":\"one\"},\"NumericLessThan\":{\"n\":5}}}]}"]
  statement {
    sid = "A"
    actions = ["s3:PutObject"]
    resources = ["*"]
  }
  statement {
    sid = "C"
    actions = ["ec2:*"]
    resources = ["*"]
  }
}
