terraform {
  required_providers {
    local = {
      source  = "hashicorp/local"
      version = "2.5.2"
    }
  }
}

resource "local_file" "greeting" {
  filename = "${path.module}/out/greeting.txt"
  content  = "hello, terrane\n"
}

resource "local_sensitive_file" "key" {
  filename = "${path.module}/out/key.pem"
  content  = "not really a key\n"
}

data "local_file" "back" {
  filename   = local_file.greeting.filename
  depends_on = [local_file.greeting]
}

output "sha" {
  value = local_file.greeting.content_sha256
}

output "read_back" {
  value = data.local_file.back.content
}
