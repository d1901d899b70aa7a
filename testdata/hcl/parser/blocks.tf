# Blocks with zero, one and two labels, quoted and bare; one-line blocks; nesting.
terraform {
  required_version = ">= 1.5"
}

provider "aws" {
  region = var.region
  alias  = "west"
}

resource aws_s3_bucket logs {
  bucket = "logs-${var.env}"

  lifecycle { prevent_destroy = true }

  versioning {
    enabled = true
  }
}

locals {}
