output "o" { value = terraform.workspace }
