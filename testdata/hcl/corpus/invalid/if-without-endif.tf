x = 1
a = "%{ if a }x" # ERROR: Unexpected end of template
