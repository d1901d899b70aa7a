variable "zeta" {
  type = string
}

variable "alpha" {
  type = string
}

variable "has_default" {
  type    = string
  default = "d"
}

output "pair" {
  value = "${var.alpha}-${var.zeta}-${var.has_default}"
}
