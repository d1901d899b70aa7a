data "aws_iam_policy_document" "this" {
  source_policy_documents = ["{\"version\":\"2012-10-17\",\"statement\":[{\"sid\":\"Low\",\"effect\":\"Allow\",\"action\":\"s3:*\",\"resource\":[\"a\",1,true,{\"z\":1,\"a\":2}],\"notaction\":null}]}"]
}
