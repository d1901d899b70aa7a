import {
  to = terraform_data.x["a"]
  id = "1"
}
