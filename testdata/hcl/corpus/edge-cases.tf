numbers = [1.0, 0.5, 10e0, 1e-7, 123456789012345]
bool_interp = "${true}"
null_in_tuple = [null, "${null}"]
neg_neg = -(-1)
not_paren = !(a && b)
template_key = { "${k}" = 1, "lit" = 2, (k2) = 3, k3.attr = 4 }
heredoc_arg = upper(<<EOT
inside a call
EOT
)
heredoc_in_list = [<<EOT
one
EOT
, "two"]
interp_heredoc = "${<<EOT
nested heredoc
EOT
}"
strip_heredoc = <<-EOT
  %{~ if a ~}
    yes
  %{~ endif ~}
  EOT
unicode_ident = { ünïcödé = 1 }
cond_in_template = "%{ if a }${b ? "x" : "y"}%{ else }z%{ endif }"
for_if_else = "%{ for x in xs }%{ if x }T%{ else }F%{ endif }%{ endfor }"
for_key_only = [for k, _ in var.m : k]
splat_then_index = var.a[*].b[0]
index_after_call = f()["k"]
paren_template = ("${x}")
space_before_comma = [1 , 2]
newlines_in_call = f(
  1,
  2
)
empty_template_parts = "${""}${""}"
only_strip = "${~x~}"
percent_lit = "100% done"
dollar_end = "ends with $"
brace_lit = "{not a template}"
object_trailing = { a = 1, }
deep = a.b.c.d.e.f.g
attr_named_keywords = { in = 2, if = 3, true = 5, false = 6 }
