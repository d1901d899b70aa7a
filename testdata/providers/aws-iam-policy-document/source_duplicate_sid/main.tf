data "aws_iam_policy_document" "this" {
  source_policy_documents = ["{\"Statement\":[{\"Sid\":\"S\",\"Effect\":\"Allow\",\"Action\":\"a:b\",\"Resource\":\"*\"}]}", "{\"Statement\":[{\"Sid\":\"S\",\"Effect\":\"Allow\",\"Action\":\"a:c\",\"Resource\":\"*\"}]}"]
}
