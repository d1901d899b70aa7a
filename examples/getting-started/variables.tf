variable "app_name" {
  type        = string
  description = "Name of the application"
  default     = "web"
}

variable "environments" {
  type        = map(object({ replicas = number, port = optional(number, 8080) }))
  description = "Environments to deploy, with their replica counts"
  default = {
    dev  = { replicas = 1 }
    prod = { replicas = 3, port = 443 }
  }
}
