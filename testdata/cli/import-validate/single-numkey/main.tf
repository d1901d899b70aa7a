resource "terraform_data" "x" {}
import {
  to = terraform_data.x[0]
  id = "1"
}
