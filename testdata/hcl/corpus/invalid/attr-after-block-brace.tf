block { a = 1 # ERROR: Invalid single-argument block definition
  b = 2
}
