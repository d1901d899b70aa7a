a = { for = 1 } # ERROR: Invalid 'for' expression
