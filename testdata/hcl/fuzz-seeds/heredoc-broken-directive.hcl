x = <<EOT
${a ~}
  %{ for 
EOT