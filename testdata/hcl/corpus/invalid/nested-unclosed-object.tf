a = {
  b = 1
  c = [
} # ERROR: Invalid expression
