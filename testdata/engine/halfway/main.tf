resource "testing_thing" "base" {
  count = 3
  name  = "base-${count.index}"
}

resource "testing_thing" "mid" {
  name = "mid"
  tags = { base = testing_thing.base[0].id }
}

resource "testing_thing" "top" {
  name = "top"
  tags = { mid = testing_thing.mid.id }
}

resource "testing_thing" "side" {
  name = "side"
}
