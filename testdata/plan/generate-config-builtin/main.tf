import {
  to = terraform_data.b
  id = "quoted \"id\" with\ttab"
}

import {
  to = terraform_data.a
  id = "abc-123"
}
