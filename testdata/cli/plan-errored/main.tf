# A plan that fails part way (a precondition), after planning other changes: terraform
# 1.11.4 still reports those in -json, saves the plan with -out and refuses to apply it.
variable "v" { default = "one" }

resource "terraform_data" "a" {
  input = var.v
}

resource "terraform_data" "bad" {
  input = "b"
  lifecycle {
    precondition {
      condition     = terraform_data.a.input == "one"
      error_message = "nope."
    }
  }
}

output "x" { value = terraform_data.a.output }
