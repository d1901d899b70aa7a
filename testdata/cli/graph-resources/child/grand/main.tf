variable "x" {}

resource "terraform_data" "g" {
  input = var.x
}

data "terraform_remote_state" "gd" {
  backend = "local"
  config = {
    path = "${path.root}/nothing.tfstate${substr(terraform_data.g.id, 0, 0)}"
  }
}

output "y" {
  value = data.terraform_remote_state.gd.outputs
}
