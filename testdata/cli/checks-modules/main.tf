variable "n" {
  type    = number
  default = 2
}

module "m" {
  source = "./mod"
  count  = var.n
  label  = "item-${count.index}"
}

module "single" {
  source = "./mod"
  label  = "solo"
}

resource "terraform_data" "each" {
  for_each = toset(["x", "y"])
  input    = each.key
  lifecycle {
    postcondition {
      condition     = self.output == "x"
      error_message = "Expected x, got ${self.output}."
    }
    postcondition {
      condition     = self.output != ""
      error_message = "   Empty output.   "
    }
  }
}

check "mods" {
  assert {
    condition     = length(module.m) == 3
    error_message = "Expected 3 modules."
  }
}
