# `terraform refresh` (1.11.4) with -var fail=pre|post|output: each failed condition is an
# error (exit 1) and the state file is left as it was.
variable "fail" {
  type    = string
  default = ""
}

resource "terraform_data" "r" {
  input = "v"
  lifecycle {
    precondition {
      condition     = var.fail != "pre"
      error_message = "pre failed."
    }
    postcondition {
      condition     = var.fail != "post"
      error_message = "post failed."
    }
  }
}

output "o" {
  value = terraform_data.r.output
  precondition {
    condition     = var.fail != "output"
    error_message = "out failed."
  }
}
