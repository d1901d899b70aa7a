a = [for x in : x] # ERROR: Invalid expression
