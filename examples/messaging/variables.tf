variable "region" {
  type    = string
  default = "us-east-1"
}

variable "system" {
  description = "Name prefix of the queues and topic."
  type        = string
  default     = "orders"
}

variable "consumers" {
  description = "One queue per consuming service, subscribed to the topic."
  type = map(object({
    visibility_timeout = optional(number, 30)
    max_receive_count  = optional(number, 5)
  }))
  default = {
    billing  = {}
    shipping = { visibility_timeout = 120 }
  }
}
