terraform {
  required_version = ">= 1.9"

  # No provider: the module only builds a policy document. A caller's aws_kms_key attaches it.
}
