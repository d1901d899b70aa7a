output "topic_arn" {
  value = aws_sns_topic.events.arn
}

output "queue_urls" {
  value = { for name, q in aws_sqs_queue.consumer : name => q.url }
}

output "dead_letter_queue_url" {
  value = aws_sqs_queue.dead_letter.url
}
