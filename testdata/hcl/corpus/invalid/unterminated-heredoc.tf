a = <<EOT
hello
# ERROR: Unterminated template string