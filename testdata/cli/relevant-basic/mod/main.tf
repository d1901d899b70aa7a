resource "terraform_data" "r" {
  input = "x"
}

output "out" {
  value = terraform_data.r.output
}
