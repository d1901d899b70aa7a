a = "abc # ERROR: Invalid multi-line string
def"
