resource "local_file" "greeting" {
  filename = "${path.module}/out/greeting.txt"
  content  = "hello from terrane\n"
}
