# An event topic fanned out to one queue per consuming service; messages that keep
# failing land in a dead-letter queue.

resource "aws_sns_topic" "events" {
  name = "${var.system}-events"
}

resource "aws_sqs_queue" "dead_letter" {
  name                      = "${var.system}-dead-letter"
  message_retention_seconds = 1209600 # 14 days, the maximum
}

resource "aws_sqs_queue" "consumer" {
  for_each = var.consumers

  name                       = "${var.system}-${each.key}"
  visibility_timeout_seconds = each.value.visibility_timeout
  receive_wait_time_seconds  = 20

  redrive_policy = jsonencode({
    deadLetterTargetArn = aws_sqs_queue.dead_letter.arn
    maxReceiveCount     = each.value.max_receive_count
  })
}

data "aws_iam_policy_document" "topic_to_queue" {
  for_each = var.consumers

  statement {
    sid       = "AllowTopic"
    actions   = ["sqs:SendMessage"]
    resources = [aws_sqs_queue.consumer[each.key].arn]

    principals {
      type        = "Service"
      identifiers = ["sns.amazonaws.com"]
    }

    condition {
      test     = "ArnEquals"
      variable = "aws:SourceArn"
      values   = [aws_sns_topic.events.arn]
    }
  }
}

resource "aws_sqs_queue_policy" "consumer" {
  for_each = var.consumers

  queue_url = aws_sqs_queue.consumer[each.key].id
  policy    = data.aws_iam_policy_document.topic_to_queue[each.key].json
}

resource "aws_sns_topic_subscription" "consumer" {
  for_each = var.consumers

  topic_arn            = aws_sns_topic.events.arn
  protocol             = "sqs"
  endpoint             = aws_sqs_queue.consumer[each.key].arn
  raw_message_delivery = true
}
