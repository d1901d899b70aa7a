resource "terraform_data" "first" {
  input = terraform_data.second.output
}

resource "terraform_data" "second" {
  input = terraform_data.first.output
}
