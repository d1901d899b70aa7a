variable "name" {
  type = string
}

variable "settings" {
  type = object({
    size  = number
    tags  = map(string)
    ports = list(number)
    extra = set(string)
    pair  = tuple([string, number])
  })
}

locals {
  ports_by_name = { for p in var.settings.ports : "port-${p}" => p }
  flat          = flatten([for k, v in local.ports_by_name : [k, v]])
  enabled       = var.settings.size > 0 && length(var.settings.tags) > 0
  label         = local.enabled ? upper(var.name) : lower(var.name)
  maybe         = try(var.settings.tags["owner"], "nobody")
}

resource "null_resource" "each" {
  for_each = local.ports_by_name

  triggers = {
    port = each.value
    name = "${var.name}-${each.key}"
  }

  provisioner "local-exec" {
    command     = "echo ${self.id}"
    interpreter = ["/bin/sh", "-c"]
    environment = {
      NAME = var.name
    }
  }
}

output "summary" {
  value = {
    label = local.label
    count = length(null_resource.each)
    ids   = [for r in null_resource.each : r.id]
  }
}
