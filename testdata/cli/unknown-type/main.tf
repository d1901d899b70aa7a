resource "null_resouce" "typo" {}

data "terraform_remote_stat" "typo" {
  backend = "local"
}
