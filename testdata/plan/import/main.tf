resource "testing_thing" "cli" {
  name = "made-by-hand"
}

import {
  to = testing_thing.block
  id = "t-100"
}

resource "testing_thing" "block" {
  name = "from-block"
  size = 5
}
