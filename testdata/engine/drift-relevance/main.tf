terraform {
  required_providers {
    testing = {
      source = "hashicorp/testing"
    }
  }
}

resource "testing_thing" "watched" {
  name = "watched"
}

resource "testing_thing" "unrelated" {
  name = "unrelated"
}

locals {
  watched_arn = testing_thing.watched.arn
}

# Follows the (computed) arn of "watched" through a local value.
resource "testing_thing" "follower" {
  name = "follower"
  tags = {
    watched = local.watched_arn
  }
}
