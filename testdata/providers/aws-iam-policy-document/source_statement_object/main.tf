data "aws_iam_policy_document" "this" {
  source_policy_documents = ["{\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"a:b\",\"Resource\":\"*\"}}"]
}
