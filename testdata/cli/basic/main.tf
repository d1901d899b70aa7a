resource "terraform_data" "a" {
  input = "hello"
}

resource "null_resource" "b" {
  triggers = {
    a = terraform_data.a.id
  }
}

resource "terraform_data" "many" {
  count = 2
  input = count.index
}

output "a_input" {
  value = terraform_data.a.output
}
