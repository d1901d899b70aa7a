module "m" {
  source = "./m"
}
import {
  to = module.m.terraform_data.y
  id = "1"
}
