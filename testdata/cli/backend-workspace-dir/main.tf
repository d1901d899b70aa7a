terraform {
  backend "local" {
    workspace_dir = "wsdir"
  }
}

resource "terraform_data" "a" {
  input = terraform.workspace
}
