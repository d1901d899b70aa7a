a = 1
b = x & y # ERROR: Unsupported operator
