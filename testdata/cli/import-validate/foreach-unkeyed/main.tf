resource "terraform_data" "x" {
  for_each = toset(["a"])
}
import {
  to = terraform_data.x
  id = "1"
}
