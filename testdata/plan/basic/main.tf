variable "n" {
  type    = number
  default = 2
}

data "testing_lookup" "x" {
  name = "base"
}

resource "testing_thing" "a" {
  count = var.n
  name  = "a-${count.index}"
  tags  = { src = data.testing_lookup.x.result }
}

resource "testing_thing" "b" {
  name = "b"
  size = length(testing_thing.a)
  tags = { first = testing_thing.a[0].id }
}

output "b_arn" {
  value = testing_thing.b.arn
}
