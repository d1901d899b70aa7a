variable "x" {
  default = 1
}

resource "terraform_data" "a" {
}

import {
  to = terraform_data.a
  id = "abc-123"
}

resource "terraform_data" "b" {
  input = "new"
  lifecycle {
    precondition {
      condition     = var.x == 2
      error_message = "x must be 2."
    }
  }
}
