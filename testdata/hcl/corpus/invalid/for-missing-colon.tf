a = [for x in xs x] # ERROR: Invalid 'for' expression
