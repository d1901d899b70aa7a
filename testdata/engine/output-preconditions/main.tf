variable "s" {
  type      = string
  default   = "secret"
  sensitive = true
}
variable "mode" {
  type    = string
  default = "fail"
}
output "a" {
  value = "a"
  precondition {
    condition     = var.mode != "fail"
    error_message = "  Mode is ${var.mode}.  \n"
  }
}
output "b" {
  value = "b"
  precondition {
    condition     = var.mode != "fail"
    error_message = "Secret ${var.s}."
  }
}
output "c" {
  value = "c"
  precondition {
    condition     = var.mode == "null" ? null : true
    error_message = "never"
  }
}
