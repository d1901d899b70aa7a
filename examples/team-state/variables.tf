variable "region" {
  type    = string
  default = "us-east-1"
}

variable "project" {
  description = "Name prefix for every resource."
  type        = string
  default     = "challenge"
}

variable "app_name" {
  description = "Name of the API image repository."
  type        = string
  default     = "challenge-api"
}
