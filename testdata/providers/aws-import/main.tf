provider "aws" {
  region = "us-east-1"
}

resource "aws_vpc" "imported" {
  cidr_block = "10.30.0.0/16"

  tags = {
    Name = "made-by-hand"
  }
}
