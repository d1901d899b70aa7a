# CIDR arguments hashicorp/aws 5.100 refuses at validate: aws_vpc (IsCIDRNetwork(16, 28), and
# its ipv6_cidr_block rules) and aws_subnet (ValidIPv4 / ValidIPv6CIDRNetworkAddress).

provider "aws" {
  region                      = "us-east-1"
  access_key                  = "test"
  secret_key                  = "test"
  skip_credentials_validation = true
}

resource "aws_vpc" "host_bits" {
  cidr_block = "10.0.0.1/16"
}

resource "aws_vpc" "nonsense" {
  cidr_block = "nonsense"
}

resource "aws_vpc" "both" {
  cidr_block = "10.0.0.1/8"
}

resource "aws_vpc" "too_small" {
  cidr_block = "10.0.0.0/29"
}

resource "aws_vpc" "zero_mask" {
  cidr_block = "10.0.0.0/016"
}

resource "aws_vpc" "octet" {
  cidr_block = "010.0.0.0/16"
}

resource "aws_vpc" "mapped" {
  cidr_block = "::ffff:10.0.0.0/112"
}

resource "aws_vpc" "v6" {
  cidr_block = "2001:db8::1/20"
}

resource "aws_vpc" "empty" {
  cidr_block = ""
}

resource "aws_vpc" "ok" {
  cidr_block = "10.0.0.0/16"
}

resource "aws_vpc" "ipv6" {
  cidr_block        = "10.1.0.0/16"
  ipv6_cidr_block   = "2001:db8::1/56"
  ipv6_ipam_pool_id = "ipam-pool-1"
}

resource "aws_vpc" "ipv6_size" {
  cidr_block        = "10.2.0.0/16"
  ipv6_cidr_block   = "2001:db8::/64"
  ipv6_ipam_pool_id = "ipam-pool-1"
}

resource "aws_subnet" "host_bits" {
  vpc_id     = aws_vpc.ok.id
  cidr_block = "10.0.0.1/24"
}

resource "aws_subnet" "nonsense" {
  vpc_id     = aws_vpc.ok.id
  cidr_block = "nonsense"
}

resource "aws_subnet" "v6" {
  vpc_id     = aws_vpc.ok.id
  cidr_block = "2001:db8::/64"
}

resource "aws_subnet" "zero_mask" {
  vpc_id     = aws_vpc.ok.id
  cidr_block = "10.0.0.0/024"
}

resource "aws_subnet" "mapped" {
  vpc_id     = aws_vpc.ok.id
  cidr_block = "::ffff:10.0.1.0/120"
}

resource "aws_subnet" "ipv6" {
  vpc_id          = aws_vpc.ok.id
  cidr_block      = "10.0.2.0/24"
  ipv6_cidr_block = "2001:db8::1/64"
}
