resource "terraform_data" "y" {}

resource "terraform_data" "x" {}

# A target with a resource block: it waits for what `id` reads.
import {
  to = terraform_data.x
  id = terraform_data.y.id
}

# Targets without one still have a node in the plan graph.
import {
  to = terraform_data.gen
  id = terraform_data.y.id
}

import {
  to = module.child.terraform_data.missing
  id = "a"
}

import {
  for_each = toset(["a"])
  to       = terraform_data.keyed[each.key]
  id       = each.key
}

module "child" {
  source = "./child"
}
