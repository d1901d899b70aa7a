terraform {
  required_providers {
    time = {
      source  = "hashicorp/time"
      version = "0.12.1"
    }
  }
}

resource "time_static" "created" {}

resource "time_static" "fixed" {
  rfc3339 = "2024-06-01T12:30:45Z"
}

resource "time_sleep" "wait" {
  depends_on      = [time_static.created]
  create_duration = "1s"
}

resource "time_rotating" "key" {
  rotation_days = 30
}

output "fixed_year" {
  value = time_static.fixed.year
}

output "rotates_at" {
  value = time_rotating.key.rotation_rfc3339
}
