provider "aws" {
  region = "us-east-1"
}

resource "aws_vpc" "too_big" {
  cidr_block = "10.0.0.0/8"
}
