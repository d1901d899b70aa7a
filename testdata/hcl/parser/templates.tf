plain   = "Hello, ${var.name}!"
wrapped = "${var.count}"
escapes = "tab\tquote\" unicode \u00e9 \U0001F600 literal $${x} %%{y}"
strip   = "a ${~ var.b ~} c"
policy = <<-EOT
  {
    "Statement": [
      %{ for s in var.statements ~}
      ${jsonencode(s)},
      %{ endfor ~}
    ]
  }
  EOT
cond = <<EOT
%{ if var.on }on%{ else }off%{ endif }
EOT
