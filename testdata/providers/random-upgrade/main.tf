# A state written by hashicorp/random before 3.4: random_password at schema version 0
# (no bcrypt_hash, no numeric, override_special stored as "") and random_string at
# schema version 1. Both upgrade without replacement.
resource "random_password" "db" {
  length = 16
}

resource "random_string" "suffix" {
  length  = 8
  special = false
}
