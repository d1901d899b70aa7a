a = 1
} # ERROR: Argument or block definition required
