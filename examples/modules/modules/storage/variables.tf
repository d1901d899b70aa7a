variable "name_prefix" {
  description = "Prefix of the bucket name (AWS adds a unique suffix)."
  type        = string
}

variable "ia_after_days" {
  description = "Days after which current objects move to STANDARD_IA."
  type        = number
  default     = 30
}

variable "noncurrent_days" {
  description = "Days after which old object versions are deleted."
  type        = number
  default     = 90
}

variable "force_destroy" {
  description = "Let destroy delete a bucket that still holds objects."
  type        = bool
  default     = true
}
