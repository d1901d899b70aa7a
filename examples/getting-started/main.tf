terraform {
  required_version = ">= 1.5"
}

locals {
  tags = {
    app        = var.app_name
    managed_by = "terrane"
  }
}

# One release record per environment; changing its version replaces it.
resource "terraform_data" "release" {
  for_each = var.environments

  input = merge(local.tags, {
    environment = each.key
    replicas    = tostring(each.value.replicas)
    url         = format("https://%s-%s.example.test:%d", var.app_name, each.key, each.value.port)
  })
  triggers_replace = [var.app_name]
}

# A deployment step that runs after every release exists.
resource "null_resource" "deploy" {
  triggers = {
    releases = join(",", sort([for r in terraform_data.release : r.id]))
  }
}
