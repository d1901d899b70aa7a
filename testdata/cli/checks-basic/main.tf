variable "name" {
  type    = string
  default = "alpha"
  validation {
    condition     = length(var.name) > 2
    error_message = "Name too short."
  }
  validation {
    condition     = var.name != "bad"
    error_message = "Name is bad."
  }
}

variable "plain" {
  type    = string
  default = "x"
}

resource "terraform_data" "a" {
  count = 2
  input = "${var.name}-${count.index}"
  lifecycle {
    precondition {
      condition     = var.name != ""
      error_message = "Empty."
    }
    postcondition {
      condition     = self.output != ""
      error_message = "No output."
    }
  }
}

resource "terraform_data" "none" {
  count = 0
  input = "x"
  lifecycle {
    precondition {
      condition     = var.plain != ""
      error_message = "never"
    }
  }
}

resource "terraform_data" "plain" {
  input = "p"
}

output "o" {
  value = terraform_data.a[0].output
  precondition {
    condition     = terraform_data.a[0].output != "nope"
    error_message = "Nope."
  }
}

check "good" {
  assert {
    condition     = var.name == "alpha"
    error_message = "not alpha"
  }
}

check "bad" {
  assert {
    condition     = var.name == "beta"
    error_message = "not beta"
  }
  assert {
    condition     = length(var.name) == 1
    error_message = "a long name"
  }
  assert {
    condition     = var.plain == "y"
    error_message = "not y"
  }
}

check "unknown" {
  assert {
    condition     = terraform_data.plain.id != ""
    error_message = "no id"
  }
}
