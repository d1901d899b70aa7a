resource "terraform_data" "renamed" {
  input = "kept"
}

module "new_mod" {
  source = "./mod"
}

moved {
  from = terraform_data.old
  to   = terraform_data.renamed
}

moved {
  from = module.old_mod
  to   = module.new_mod
}
