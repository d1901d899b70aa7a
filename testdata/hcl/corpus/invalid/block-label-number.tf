resource 1 "x" { # ERROR: Argument or block definition required
}
