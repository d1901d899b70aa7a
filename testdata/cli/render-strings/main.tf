# Strings that Terraform renders beyond "text": multi-line ones as heredocs (diffed line by
# line) and JSON ones as jsonencode(), in resource arguments and outputs.
variable "v" {
  type    = number
  default = 1
}
locals {
  two = var.v == 2
}
resource "terraform_data" "text" {
  input = local.two ? "first\nsecond changed\n\n  indented\nlast\n" : "first\nsecond\n\n  indented\nlast\n"
}
resource "terraform_data" "gone" {
  input = local.two ? "single" : "one\ntwo\n"
}
resource "terraform_data" "came" {
  input = local.two ? "one\n\nthree\n" : "single"
}
resource "terraform_data" "json" {
  input = local.two ? "{\"a\":1,\"b\":[1,2]}" : "{\"a\":2,\"b\":[1,2],\"c\":\"x\"}"
}
resource "terraform_data" "jsonws" {
  input = local.two ? "{\"a\": 1}" : "{\"a\":1}"
}
resource "terraform_data" "mixed" {
  input = local.two ? "{\"a\": 1}" : "plain"
}
output "o" {
  value = local.two ? "{\"k\":[1]}" : "{\"k\":[2]}"
}
