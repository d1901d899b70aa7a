output "bucket_name" {
  value = module.storage.bucket_name
}

output "bucket_arn" {
  value = module.storage.bucket_arn
}

output "instance_id" {
  value = module.compute.instance_id
}

output "instance_private_ip" {
  value = module.compute.private_ip
}
