variable "ids" {
  type = map(string)
}
resource "terraform_data" "x" {}
import {
  for_each = var.ids
  to       = terraform_data.x[each.key]
  id       = each.value
}
