provider "terraform" {
  alias = "foo"
}

resource "terraform_data" "x" {
  provider = terraform.foo
}

import {
  to       = terraform_data.x
  id       = "1"
  provider = terraform.foo
}
