resource "null_resource" "x" {
  triggers = {}
  bogus    = 1
}
