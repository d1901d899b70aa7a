a = 1; # ERROR: Invalid character
