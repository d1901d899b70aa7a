a = "é👍🏽x" + ) # ERROR: Invalid expression
