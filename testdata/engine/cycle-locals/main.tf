locals {
  a = "${local.b}-a"
  b = "${local.a}-b"
}

output "a" {
  value = local.a
}
