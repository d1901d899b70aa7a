# Issue 5's data-platform host: a subnet pinned to one zone, an SSH key pair from a local
# public key, and a t2.micro instance from the latest Ubuntu 22.04 AMI. Variables let the
# tests reproduce the usual mistakes (a zone without t2.micro, a malformed AMI id).
provider "aws" {
  region = "us-east-1"
}

variable "az" {
  default = "us-east-1a"
}

variable "ami" {
  default = ""
}

data "aws_ami" "ubuntu" {
  most_recent = true
  owners      = ["099720109477"]

  filter {
    name   = "name"
    values = ["ubuntu/images/hvm-ssd/ubuntu-jammy-22.04-amd64-server-*"]
  }
}

resource "aws_vpc" "main" {
  cidr_block           = "10.0.0.0/16"
  enable_dns_hostnames = true
}

resource "aws_subnet" "public" {
  vpc_id                  = aws_vpc.main.id
  cidr_block              = "10.0.1.0/24"
  availability_zone       = var.az
  map_public_ip_on_launch = true
}

resource "aws_key_pair" "deployer" {
  key_name   = "deployer"
  public_key = file("${path.module}/id_ed25519.pub")
}

resource "aws_instance" "spark" {
  ami           = var.ami != "" ? var.ami : data.aws_ami.ubuntu.id
  instance_type = "t2.micro"
  subnet_id     = aws_subnet.public.id
  key_name      = aws_key_pair.deployer.key_name
  user_data     = "#!/bin/bash\necho ready > /tmp/ready\n"

  tags = {
    Name = "spark"
  }
}

output "public_ip" {
  value = aws_instance.spark.public_ip
}
