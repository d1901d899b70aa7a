data "terraform_remote_state" "nows" {
  backend   = "local"
  workspace = "nope"
  config    = { workspace_dir = "../wsd" }
  defaults  = { o = "dflt" }
}
data "terraform_remote_state" "nofile" {
  backend  = "local"
  config   = { path = "../nope.tfstate" }
  defaults = { o = "dflt" }
}
