a = # ERROR: Invalid expression

b = 1
