data "aws_iam_policy_document" "this" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type = "AWS"
      identifiers = ["arn:aws:iam::111111111111:role/a", "arn:aws:iam::111111111111:role/b"]
    }
    principals {
      type = "AWS"
      identifiers = ["arn:aws:iam::222222222222:root"]
    }
    principals {
      type = "AWS"
      identifiers = ["arn:aws:iam::333333333333:role/c", "arn:aws:iam::333333333333:role/d", "arn:aws:iam::333333333333:role/e"]
    }
    principals {
      type = "Service"
      identifiers = ["ec2.amazonaws.com", "lambda.amazonaws.com"]
    }
    principals {
      type = "Service"
      identifiers = ["ecs-tasks.amazonaws.com"]
    }
  }
}
