variable "cidr" {}
output "subnets" {
  value = [for i in range(2) : cidrsubnet(var.cidr, 8, i)]
}
