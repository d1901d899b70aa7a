a = "${x}" "y" # ERROR: Missing newline after argument
