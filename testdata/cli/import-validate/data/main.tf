data "terraform_remote_state" "x" {
  backend = "local"
}
import {
  to = data.terraform_remote_state.x
  id = "1"
}
