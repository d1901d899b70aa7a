data "terraform_remote_state" "def" {
  backend = "local"
  config  = { path = "../src/terraform.tfstate" }
}
data "terraform_remote_state" "w1" {
  backend   = "local"
  workspace = "w1"
  config    = { path = "../src/terraform.tfstate", workspace_dir = "../src/terraform.tfstate.d" }
}
data "terraform_remote_state" "w2" {
  backend   = "local"
  workspace = "w2"
  config    = { workspace_dir = "../wsd" }
  defaults  = { o = "unused", extra = [1] }
}
output "def" { value = data.terraform_remote_state.def.outputs }
output "w1" { value = data.terraform_remote_state.w1.outputs }
output "w2" { value = data.terraform_remote_state.w2.outputs }
