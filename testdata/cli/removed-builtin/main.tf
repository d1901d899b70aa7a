# The state (terraform.tfstate) was made by terraform 1.11.4 from a configuration that
# declared every object these blocks remove (see README.md).

removed {
  from = terraform_data.gone
  lifecycle {
    destroy = false
  }
}

# No lifecycle block: destroyed, like any object with no configuration.
removed {
  from = terraform_data.kill
}

removed {
  from = terraform_data.many
  lifecycle {
    destroy = false
  }
}

# Every instance of the module, and of the module it calls, is forgotten.
removed {
  from = module.kept
  lifecycle {
    destroy = false
  }
}

removed {
  from = module.dropped
  lifecycle {
    destroy = true
  }
}

# Nothing in state: nothing to do, and no error.
removed {
  from = terraform_data.never_created
  lifecycle {
    destroy = false
  }
}

resource "terraform_data" "stay" {
  input = "z"
}
