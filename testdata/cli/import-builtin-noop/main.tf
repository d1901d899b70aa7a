resource "terraform_data" "a" {
}

resource "terraform_data" "b" {
}

import {
  to = terraform_data.a
  id = "abc-123"
}

import {
  to = terraform_data.b
  id = "def-456"
}
