variable "count_var" {
  type = list(string)
}
variable "m" {
  type = map(string)
}
variable "s" { type = set(any) }
resource "aws_s3_bucket" "b" {
  bucket = var.name
  multi  = var.a
  keep   = "${var.a}-suffix"
  nested = { x = "${var.y}" }
}
