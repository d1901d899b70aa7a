terraform {
  required_version = ">= 1.0"
}

locals {
}

provider "aws" {
  region = "us-east-1"
}

resource "aws_instance" "web" {
  ami = "ami-123"
}

ident_labels one two three {
  x = 1
}

mixed_labels "one" two "three" {
  x = 2
}

oneline "a" { x = 1 }
empty_oneline {}
labelled_oneline "a" "b" {}

outer {
  middle "m" {
    inner "i" "j" {
      deep {
        value = "deep"
      }
    }
  }
  middle "n" {
    value = 2
  }
}

repeated {
  n = 1
}
repeated {
  n = 2
}
repeated_labelled "with_label" {
  n = 3
}
