# The file cannot be written: its directory would be this very file.
resource "local_file" "f" {
  filename = "${path.module}/main.tf/x"
  content  = "x"
}

resource "terraform_data" "ok" {
  input = 1
}
