module "m" {
  source = "./m"
}

import {
  to       = module.m.terraform_data.x
  id       = "1"
  provider = terraform
}
