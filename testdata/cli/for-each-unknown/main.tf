resource "terraform_data" "src" { input = "a" }
resource "terraform_data" "s" {
  for_each = toset([terraform_data.src.id])
}
resource "terraform_data" "m" {
  for_each = { (terraform_data.src.id) = 1 }
}
