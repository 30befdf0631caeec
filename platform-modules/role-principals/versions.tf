terraform {
  required_version = ">= 1.9"

  # No provider: the module only derives principals and conditions for a caller's policies.
}
