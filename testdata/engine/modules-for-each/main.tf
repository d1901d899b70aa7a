variable "services" {
  type    = map(number)
  default = { api = 8080, web = 443 }
}

module "svc" {
  source   = "./modules/svc"
  for_each = var.services
  name     = each.key
  port     = each.value
}

output "urls" {
  value = { for k, m in module.svc : k => m.url }
}

output "ids" {
  value = sort([for m in module.svc : m.id])
}
