resource "terraform_data" "b" {
  input = length(var.w)
}
