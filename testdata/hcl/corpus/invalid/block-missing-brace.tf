resource "a" "b" # ERROR: Invalid block definition
  x = 1
