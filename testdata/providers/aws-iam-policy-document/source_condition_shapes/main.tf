data "aws_iam_policy_document" "this" {
  source_policy_documents = ["{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\",\"Principal\":{\"AWS\":[\"b\"],\"Federated\":[\"z\",\"y\"]},\"Condition\":{\"StringEquals\":{\"one\":[\"x\"],\"many\":[\"b\",\"a\"],\"flag\":true,\"num\":3,\"nil\":null},\"Bool\":{\"aws:MultiFactorAuthPresent\":\"true\"}}}]}"]
}
