provider "terraform" {
  alias = "foo"
}
import {
  to       = terraform_data.x
  id       = "1"
  provider = terraform.foo
}
