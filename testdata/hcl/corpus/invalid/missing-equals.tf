a = 1
b 2 # ERROR: Argument or block definition required
