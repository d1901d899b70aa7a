resource "terraform_data" "a" {
  input = "a"
}

module "n" {
  source = "./n"
}
