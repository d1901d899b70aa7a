output "vpc_id" {
  value = aws_vpc.main.id
}

output "subnet_id" {
  value = aws_subnet.public.id
}

output "ami_id" {
  description = "The Ubuntu image the host runs."
  value       = data.aws_ami.ubuntu.id
}

output "public_ip" {
  value = aws_instance.platform.public_ip
}

output "ssh_command" {
  description = "Log in with the private key that goes with var.public_key_path."
  value       = "ssh -i <your private key> ubuntu@${aws_instance.platform.public_ip}"
}

output "web_urls" {
  value = { for name, port in var.web_ports : name => "http://${aws_instance.platform.public_ip}:${port}" }
}
