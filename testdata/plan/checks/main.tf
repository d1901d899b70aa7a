variable "want" {
  type    = string
  default = "hello"
}

# Where the remote state files are (relative paths resolve against the working directory).
variable "state_dir" {
  type    = string
  default = "."
}

resource "terraform_data" "a" {
  input = "hello"
}

check "passes" {
  assert {
    condition     = length(var.want) > 0
    error_message = "never shown"
  }
}

check "fails" {
  assert {
    condition     = length(var.want) > 10
    error_message = "want is too short: ${var.want}"
  }
}

# Unknown while planning a create; known (and false) once applied.
check "after_apply" {
  assert {
    condition     = terraform_data.a.output == "bye"
    error_message = "output is ${terraform_data.a.output}"
  }
}

check "scoped" {
  data "terraform_remote_state" "other" {
    backend = "local"
    config  = { path = "${var.state_dir}/broken.tfstate" }
  }
  assert {
    condition     = data.terraform_remote_state.other.outputs != null
    error_message = "no outputs"
  }
}

check "remote" {
  data "terraform_remote_state" "good" {
    backend = "local"
    config  = { path = "${var.state_dir}/other.tfstate" }
  }
  assert {
    condition     = data.terraform_remote_state.good.outputs.o == "v"
    error_message = "o is not v"
  }
}
