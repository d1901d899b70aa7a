import {
  to = terraform_data.g
  id = "gen-1"
}
