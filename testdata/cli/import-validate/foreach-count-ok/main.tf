resource "terraform_data" "x" {
  count = 2
}
import {
  for_each = [0, 1]
  to       = terraform_data.x[each.value]
  id       = "i${each.key}"
}
