# Values whose plan rendering terraform 1.11.4 was compared with (see README.md).
variable "v" { default = "a" }
variable "s" {
  default   = "s1"
  sensitive = true
}

# An update with a null attribute (not counted as hidden).
resource "terraform_data" "a" {
  input = var.v
}

# Identifying keys shown, null entries counted as hidden inside dynamic values.
resource "terraform_data" "b" {
  input = { z = "w", id = "i", name = var.v, tags = { k = "v" }, other = 1, nul = null }
}

resource "terraform_data" "sens" {
  input = var.s
}

# A map in a dynamic value renders as an object: keys quoted only when they must be.
resource "terraform_data" "m" {
  input = tomap({ z = "w", "a b" = "x", k = var.v })
}

# A dynamic triggers_replace: `# forces replacement` only when unknown (u), not when known (r).
resource "terraform_data" "r" {
  triggers_replace = var.v
}

resource "terraform_data" "u" {
  triggers_replace = terraform_data.a.output
}

# Instance keys in numeric order, the root module before modules.
resource "terraform_data" "c" {
  count = 11
  input = var.v
}

module "m" {
  source = "./mod"
  v      = var.v
}

output "cbd" {
  value     = var.s
  sensitive = true
}

output "a_very_long_output_name" { value = "const" }

output "o" { value = { z = var.v, "a b" = 1, m = tomap({ y = var.v, "c d" = 2 }) } }

# Lists inside dynamic values: the same length compares element by element (~ 2 -> 5),
# other lengths along the longest common subsequence, objects meeting objects diffed in
# place; unchanged elements not next to a change are counted as hidden.
locals {
  lists = {
    a = { t = [1, 2, 3], s = ["a", "b", "c", "d"], n = [1, 2, 3], o = [{ a = 1 }, { a = 2 }, { a = 3 }], k = [1, "x", [1, 2], { k = "v" }], h = [1, 2], nest = { c = ["x", "y"] } }
    b = { t = [1, 5, 3], s = ["a", "c", "d", "e"], n = [1, 5, 3, 4], o = [{ a = 1 }, { a = 3 }], k = [2, ["x"], [1, 3], { k = "w" }], h = [1, 2, { x = 1, y = [1] }], nest = { c = ["x"] } }
  }
}

resource "terraform_data" "lists" {
  input = local.lists[var.v]
}

resource "terraform_data" "list_top" {
  input = local.lists[var.v].t
}

output "lists" { value = local.lists[var.v].k }
