v = "fromfile"
