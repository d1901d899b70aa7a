variable "want" {
  type    = string
  default = "ok"
}

variable "secret" {
  type      = string
  default   = "s3cret"
  sensitive = true
}

resource "terraform_data" "r" {
  input = var.want
  lifecycle {
    precondition {
      condition     = var.want != "pre"
      error_message = "  pre failed: ${var.want}  "
    }
    precondition {
      condition     = var.want == "null" ? null : true
      error_message = "never"
    }
    postcondition {
      condition     = self.output != "post"
      error_message = "post failed"
    }
    postcondition {
      condition     = self.output != "hidden"
      error_message = "hidden: ${var.secret}"
    }
  }
}

output "o" {
  value = terraform_data.r.output
  precondition {
    condition     = var.want != "out"
    error_message = "out failed"
  }
}
