variable "size" {
  type    = number
  default = 1
}

resource "testing_thing" "base" {
  name = "base"
}

resource "testing_thing" "bad" {
  name = "bad"
  tags = { base = testing_thing.base.id }
}

resource "testing_thing" "after_bad" {
  name = "after_bad"
  tags = { bad = testing_thing.bad.id }
}

resource "testing_thing" "side" {
  name   = "side"
  size   = var.size
  secret = "s3cret"
}
