# a is create_before_destroy and depends on b, so b is replaced create-before-destroy too
# (Terraform forces it); c depends on a and keeps destroy-then-create.
variable "v" {
  default = "1"
}

resource "terraform_data" "b" {
  triggers_replace = var.v
}

resource "terraform_data" "a" {
  triggers_replace = terraform_data.b.id
  lifecycle {
    create_before_destroy = true
  }
}

resource "terraform_data" "c" {
  triggers_replace = terraform_data.a.id
}
