output "urls" {
  description = "Where each environment is served"
  value       = { for env, r in terraform_data.release : env => r.output.url }
}

output "deployment_id" {
  value = null_resource.deploy.id
}
