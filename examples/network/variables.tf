variable "region" {
  description = "AWS region to build the network in."
  type        = string
  default     = "us-east-1"
}

variable "project" {
  description = "Name prefix for every resource."
  type        = string
  default     = "data-platform"
}

variable "availability_zone" {
  description = "The one availability zone the public subnet (and so the instance) lives in."
  type        = string
  default     = "us-east-1a"
}

variable "vpc_cidr" {
  description = "Address range of the VPC."
  type        = string
  default     = "10.0.0.0/16"

  validation {
    condition     = can(cidrhost(var.vpc_cidr, 0))
    error_message = "The vpc_cidr value must be a valid IPv4 CIDR block, such as 10.0.0.0/16."
  }
}

variable "my_ip_cidr" {
  description = "Your own public IP as a /32: the only address allowed to SSH in (curl -s https://checkip.amazonaws.com)."
  type        = string

  validation {
    condition     = can(cidrhost(var.my_ip_cidr, 0)) && endswith(var.my_ip_cidr, "/32")
    error_message = "The my_ip_cidr value must be one IPv4 address as a /32, such as 203.0.113.10/32."
  }
}

variable "web_ports" {
  description = "Web UIs reachable from anywhere, by name."
  type        = map(number)
  default = {
    metabase = 3000
    spark-ui = 8080
  }
}

variable "instance_type" {
  description = "EC2 instance type of the platform host."
  type        = string
  default     = "t2.micro"
}

variable "public_key_path" {
  description = "Path of the SSH public key to log in with (e.g. ~/.ssh/id_ed25519.pub)."
  type        = string
  default     = "keys/data-platform.pub"
}
