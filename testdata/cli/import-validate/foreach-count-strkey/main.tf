resource "terraform_data" "x" {
  count = 2
}
import {
  for_each = {a = 1}
  to       = terraform_data.x[each.key]
  id       = "i${each.key}"
}
