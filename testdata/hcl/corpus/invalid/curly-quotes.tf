a = “x” # ERROR: Invalid character
