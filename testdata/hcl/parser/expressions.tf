precedence = !a || b && c == d + e * -f % g
conditional = var.enabled ? [for s in var.subnets : s.id if s.public] : []
grouped = { for u in var.users : u.team => u.name... }
splats = [aws_instance.web[*].id, aws_instance.web.*.private_ip, var.list.0]
index = var.map[local.key]["nested"]
calls = merge(local.tags, { Name = "x" }, provider::aws::arn_parse(var.arn), concat(var.a, var.b)...)
object = {
  a = 1
  "b" = [1, 2,]
  (local.k) : 3,
  d.e = null
}
