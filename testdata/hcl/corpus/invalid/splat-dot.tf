a = x[*]. # ERROR: Invalid attribute name
