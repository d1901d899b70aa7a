resource "terraform_data" "old" {
  input = "kept"
}

module "old_mod" {
  source = "./mod"
}
