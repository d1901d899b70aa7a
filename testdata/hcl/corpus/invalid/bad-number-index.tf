a = b[
] # ERROR: Invalid expression
