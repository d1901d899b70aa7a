a = "${x" # ERROR: Unclosed template interpolation sequence
