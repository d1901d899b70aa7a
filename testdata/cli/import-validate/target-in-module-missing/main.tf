import {
  to = module.m.terraform_data.x
  id = "1"
}
