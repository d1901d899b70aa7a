a = <<EOT
${x +} # ERROR: Invalid expression
EOT
