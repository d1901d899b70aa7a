output "out" {
  value = "base"
}
