resource "terraform_data" "stay" {
  input = "z"
}

module "m" {
  source = "./m"
}

removed {
  from = terraform_data.stay
}

removed {
  from = module.m
  lifecycle {
    destroy = false
  }
}

removed {
  from = terraform_data.never_declared
}
