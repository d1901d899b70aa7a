data "aws_iam_policy_document" "this" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type = "Service"
      identifiers = ["lambda.amazonaws.com", "ec2.amazonaws.com", "ecs-tasks.amazonaws.com"]
    }
    principals {
      type = "AWS"
      identifiers = ["arn:aws:iam::123456789012:root"]
    }
    principals {
      type = "Federated"
      identifiers = ["cognito-identity.amazonaws.com"]
    }
  }
}
