output "out" {
  value = "${path.module} overridden"
}
