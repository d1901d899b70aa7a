# Literal values of every kind.
int_zero      = 0
int_big       = 1234567890
float         = 3.14159
exp_lower     = 1e3
exp_upper     = 2E10
exp_signed    = 1.5e-3
exp_plus      = 6.02e+23
negative      = -42
neg_float     = -0.5
not_true      = !true
yes           = true
no            = false
nothing       = null
empty_string  = ""
plain         = "hello world"
unicode       = "héllo wörld ☃ 😀"
escapes       = "tab\tnewline\ncr\rquote\"backslash\\"
unicode_esc   = "\u00e9\U0001F600"
dollar_escape = "$${not_interp}"
percent_esc   = "%%{not_directive}"
lone_dollar   = "cost: $5 and 100%"
ident-with-dash = "dashes are allowed in names"
_underscore   = 1
empty_tuple   = []
empty_object  = {}
tuple         = [1, "two", true, null]
trailing      = [1, 2, 3,]
multiline_tuple = [
  "a",
  "b",
]
object = {
  a = 1
  "quoted key" = 2
  b = "x", c = "y"
  nested = { d = [1, 2] }
}
object_colon = { a: 1, b: 2 }
object_num_key = { 1 = "one", 2 = "two" }
