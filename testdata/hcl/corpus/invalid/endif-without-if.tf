a = "%{ endif }" # ERROR: Unexpected endif directive
