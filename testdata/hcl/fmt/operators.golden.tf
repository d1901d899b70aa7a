add       = a + b
sub       = a - b
mul       = a * b
div       = a / b
mod       = a % b
eq        = a == b
ne        = a != b
lt        = a < b
le        = a <= b
gt        = a > b
ge        = a >= b
and       = a && b
or        = a || b
not       = !a
neg       = -a
prec1     = a + b * c
prec2     = a * b + c
prec3     = a - b-c
prec4     = a || b && c
prec5     = a == b && c != d
prec6     = !a && -b < c
prec7     = a + b > c * d || e
prec8     = a / b % c
paren1    = (a + b) * c
paren2    = -(a + b)
paren3    = ((a))
cond      = a ? b : c
cond_nest = a ? b ? 1 : 2 : c ? 3 : 4
cond_ops  = a > 1 && b ? x + 1 : y * 2
cond_multiline = (
  var.enabled
  ? "yes"
  : "no"
)
lit_math   = 1 + 2 * 3
unary_lit  = -1.5
double_not = !!a
