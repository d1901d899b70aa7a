terraform {
  required_providers {
    tls = {
      source  = "hashicorp/tls"
      version = "4.0.6"
    }
  }
}

resource "tls_private_key" "ssh" {
  algorithm = "ED25519"
}

resource "tls_private_key" "ca" {
  algorithm   = "ECDSA"
  ecdsa_curve = "P256"
}

resource "tls_self_signed_cert" "ca" {
  private_key_pem       = tls_private_key.ca.private_key_pem
  validity_period_hours = 24
  is_ca_certificate     = true
  allowed_uses          = ["cert_signing", "crl_signing", "digital_signature"]
  dns_names             = ["ca.example.test"]

  subject {
    common_name  = "Example CA"
    organization = "Example"
  }
}

output "ssh_public" {
  value = tls_private_key.ssh.public_key_openssh
}

output "cert" {
  value = tls_self_signed_cert.ca.cert_pem
}
