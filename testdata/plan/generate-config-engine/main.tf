# An object made outside the configuration, imported with configuration generated for it.
import {
  to = testing_thing.made
  id = "t-9"
}

# Already in the configuration: imported, nothing generated.
import {
  to = testing_thing.declared
  id = "t-10"
}

resource "testing_thing" "declared" {
  name = "declared"
}
