# a is create_before_destroy and depends on b; c depends on a.
variable "gen" {
  type    = string
  default = "1"
}

resource "testing_thing" "b" {
  name = "b-${var.gen}"
}

resource "testing_thing" "a" {
  name = "a-${var.gen}"
  tags = { b = testing_thing.b.name }
  lifecycle {
    create_before_destroy = true
  }
}

resource "testing_thing" "c" {
  name = "c-${var.gen}"
  tags = { a = testing_thing.a.name }
}
