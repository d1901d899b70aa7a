import {
  to = terraform_data.x
  id = "1"
}
