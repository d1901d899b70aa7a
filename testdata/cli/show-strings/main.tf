resource "terraform_data" "json" {
  input = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = ["s3:GetObject"], Resource = "*" }] })
}

resource "terraform_data" "multi" {
  input = "line one\nline two\n  indented\n"
}

resource "terraform_data" "nested" {
  input = {
    empty    = ""
    nothing  = null
    list     = [1, 2]
    emptyl   = []
    emptym   = {}
    map      = { "a b" = "c", d = "e" }
    multi    = "x\ny"
    json     = jsonencode({ a = 1 })
    jsonlist = jsonencode([1, 2])
    deep     = { x = { y = [{ z = "w" }] } }
  }
  triggers_replace = ["a", ""]
}

resource "terraform_data" "str" {
  input = ""
}

resource "terraform_data" "num" {
  input = 1.5
}

output "json" { value = terraform_data.json.output }
output "multi" { value = terraform_data.multi.output }
output "nested" { value = terraform_data.nested.output }
output "empty" { value = "" }
output "secret" {
  value     = "s"
  sensitive = true
}
output "jsonstr" { value = jsonencode({ a = [1, 2] }) }
output "multistr" { value = "a\nb\n" }
output "mapout" {
  value = tomap({ a = "x", "b c" = "y" })
}

resource "terraform_data" "elems" {
  input = [jsonencode({ a = 1 }), "p\nq", null, "", { k = "" }]
}
output "elems" { value = [jsonencode({ a = 1 }), "p\nq", "", { k = "", j = jsonencode([1]) }] }
output "emptyobj" { value = {} }
output "num" { value = 2 }
output "nullout" { value = null }
output "listmap" { value = [tomap({ a = "" })] }
