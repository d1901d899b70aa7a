variable "label" {
  type = string
  validation {
    condition     = startswith(var.label, "item") || var.label == "solo"
    error_message = "Bad label."
  }
}

resource "terraform_data" "r" {
  input = var.label
  lifecycle {
    precondition {
      condition     = var.label != "item-5"
      error_message = "item-5 is not allowed here."
    }
  }
}

output "out" {
  value = terraform_data.r.output
  precondition {
    condition     = length(var.label) > 0
    error_message = "no label"
  }
}

check "inner" {
  assert {
    condition     = var.label != "solo"
    error_message = "Solo label: ${var.label}."
  }
}
