terraform {
  backend "local" {
    pth = "x.tfstate" # ERROR: Unsupported argument
  }
}
