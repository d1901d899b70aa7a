module "single" {
  source = "./mod"
}

resource "terraform_data" "top" {
  input = { k = "v" }
}

resource "terraform_data" "many" {
  count = 2
  input = "m${count.index}"
}

resource "terraform_data" "uses" {
  input = [terraform_data.top.output["k"], terraform_data.many[1].output, terraform_data.many[*].id, module.single.out]
}

output "top" {
  value = terraform_data.top.output
}
