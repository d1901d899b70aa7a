output "backend_config" {
  description = "Paste into the team's configuration to keep its state here."
  value       = <<-EOT
    terraform {
      backend "s3" {
        bucket         = "${aws_s3_bucket.state.bucket}"
        key            = "${var.project}/terraform.tfstate"
        region         = "${var.region}"
        dynamodb_table = "${aws_dynamodb_table.locks.name}"
        encrypt        = true
      }
    }
  EOT
}

output "repository_url" {
  value = aws_ecr_repository.api.repository_url
}

output "ci_access_key_id" {
  value = aws_iam_access_key.ci.id
}

output "ci_secret_access_key" {
  value     = aws_iam_access_key.ci.secret
  sensitive = true
}

output "api_instance_profile" {
  value = aws_iam_instance_profile.api.name
}

output "account_id" {
  value = data.aws_caller_identity.current.account_id
}
