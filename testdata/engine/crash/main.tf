resource "terraform_data" "many" {
  count = 300
  input = "instance-${count.index}"
}
