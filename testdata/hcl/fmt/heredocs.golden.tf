plain = <<EOT
line one
line two
EOT

indented = <<-EOT
    indented one
      indented two
    indented three
  EOT

with_interp = <<EOF
Hello ${name},
Your id is ${id + 1}.
EOF

with_directives = <<-EOT
  %{for s in servers~}
  server ${s}
  %{endfor~}
  %{if enabled}enabled%{else}disabled%{endif}
  EOT

empty_heredoc = <<EOT
EOT

no_escapes = <<EOT
backslash \n stays, $${escaped} and %%{escaped}
EOT

policy = jsonencode({
  Statement = [{
    Action = "s3:*"
  }]
})

user_data = <<-EOF
  #!/bin/bash
  echo "hi" > motd.txt
  EOF

tab_indent = <<-EOT
		tabbed
		EOT
