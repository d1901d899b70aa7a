variable "gen" {
  type    = string
  default = "1"
}

resource "testing_thing" "plain" {
  name = "plain-${var.gen}"
}

resource "testing_thing" "cbd" {
  name = "cbd-${var.gen}"
  lifecycle {
    create_before_destroy = true
  }
}
