resource "terraform_data" "x" {
  input = {
    obj     = { k = "v", "with space" = 1, nested = { a = true } }
    map     = tomap({ b = "2", a = "1", "x-y" = "3", "9z" = "4" })
    list    = [1, 2]
    objlist = [{ p = 1 }, { q = "2" }]
    emptym  = tomap({})
    str     = "multi\nline\n"
    nul     = null
  }
  triggers_replace = tomap({ Name = "n", "aws:tag" = "t" })
}
output "o" {
  value = { m = tomap({ z = 1, "a b" = 2 }), s = "x" }
}
