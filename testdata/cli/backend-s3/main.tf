terraform {
  backend "s3" { # ERROR: Unsupported backend type
    bucket = "state"
    key    = "app.tfstate"
  }
}
