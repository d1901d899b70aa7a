variable count_var {
type="list"
}
variable "m" {
    type = "map"
}
variable "s" { type = set }
resource aws_s3_bucket b {
  bucket = "${var.name}"
  multi = "${
    var.a
  }"
  keep = "${var.a}-suffix"
  nested = { x = "${var.y}" }
}
