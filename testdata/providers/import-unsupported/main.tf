# Types hashicorp's providers cannot import (plugin framework resources without
# ImportState): an import block for one fails with the provider's error.
resource "null_resource" "a" {}

resource "random_pet" "b" {}

import {
  to = null_resource.a
  id = "1234"
}
