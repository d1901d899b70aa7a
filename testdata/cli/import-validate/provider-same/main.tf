resource "terraform_data" "x" {}
import {
  to       = terraform_data.x
  id       = "1"
  provider = terraform
}
