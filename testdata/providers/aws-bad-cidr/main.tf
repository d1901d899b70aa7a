provider "aws" {
  region = "us-east-1"
}

# hashicorp/aws's check (validation.IsCIDRNetwork(16, 28)) does not look at the address
# family, so this passes validate and plan; AWS refuses it when the VPC is created.
resource "aws_vpc" "too_big" {
  cidr_block = "2001::/20"
}
