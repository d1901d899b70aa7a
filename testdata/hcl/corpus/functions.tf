no_args    = timestamp()
one_arg    = upper("x")
many_args  = join(",", ["a", "b"], "extra")
expand     = max(var.numbers...)
expand_tail = concat([1], var.rest...)
nested     = lower(upper(trimspace(" x ")))
multiline_call = merge(
  var.tags,
  {
    Name = "x"
  },
)
trailing_comma = format("%s-%s", "a", "b",)
provider_fn = provider::aws::arn_parse("arn:aws:s3:::b")
call_in_template = "${length(var.list)} items"
call_index = split(",", var.csv)[0]
call_attr  = element(var.objs, 0).name
try_call   = try(var.maybe.x, null)
cidr       = cidrsubnet(var.cidr, 8, count.index + 1)
