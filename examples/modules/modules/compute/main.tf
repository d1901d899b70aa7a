# One application instance from the latest Amazon Linux 2023 image, in the default VPC.

data "aws_ami" "al2023" {
  most_recent = true
  owners      = ["amazon"]

  filter {
    name   = "name"
    values = ["al2023-ami-2023.*-x86_64"]
  }
}

resource "aws_instance" "this" {
  ami           = data.aws_ami.al2023.id
  instance_type = var.instance_type

  user_data = <<-EOT
    #!/bin/bash
    echo "DATA_BUCKET=${var.bucket_name}" >> /etc/environment
  EOT

  tags = {
    Name = var.name
  }
}
