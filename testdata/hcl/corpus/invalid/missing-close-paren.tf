a = f(1, 2
b = 3 # ERROR: Missing argument separator
