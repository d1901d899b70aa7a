resource "a" "b" {
  x = 1

block "c" { # ERROR: Unclosed configuration block
  y = 2
