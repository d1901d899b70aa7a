variable "gen" {
  type    = string
  default = "1"
}

# Replaced destroy-then-create (Terraform's default) when gen changes.
resource "terraform_data" "plain" {
  input            = "plain-${var.gen}"
  triggers_replace = var.gen
}

# Replaced create-then-destroy: the new object exists before the old one goes.
resource "terraform_data" "cbd" {
  input            = "cbd-${var.gen}"
  triggers_replace = var.gen

  lifecycle {
    create_before_destroy = true
  }
}

# Depends on plain, so it is replaced after plain's new object exists.
resource "terraform_data" "child" {
  input = terraform_data.plain.output
}
