data "aws_iam_policy_document" "this" {
  source_policy_documents = ["{\"Version\":\"2008-10-17\",\"Id\":\"src\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"*\"},\"Action\":\"s3:*\",\"Resource\":\"*\",\"Extra\":1}]}"]
}
