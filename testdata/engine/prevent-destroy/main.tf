resource "terraform_data" "precious" {
  input = "keep me"
  lifecycle {
    prevent_destroy = true
  }
}
