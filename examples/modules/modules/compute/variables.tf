variable "name" {
  description = "Name tag of the instance."
  type        = string
}

variable "instance_type" {
  type    = string
  default = "t3.micro"
}

variable "bucket_name" {
  description = "The bucket the application reads and writes."
  type        = string
}
