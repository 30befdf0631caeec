# Where rotation functions publish the public halves of signing keys (signingKey.jwks in the spec):
# one private bucket per named bucket, encrypted with the environment key and versioned, so a
# rotation that published a bad set can be rolled back to the previous object version.
locals {
  jwks_buckets = toset([for p in var.jwks_publications : p.bucket])
}

module "jwks_bucket" {
  source   = "../private-bucket"
  for_each = local.jwks_buckets

  bucket             = each.value
  tags               = merge(local.common_tags, { Purpose = "jwks" })
  kms_key_arn        = aws_kms_key.this.arn
  force_destroy      = var.force_destroy_jwks_buckets
  enforce_tls_policy = var.enforce_jwks_tls_policy
  # A key set is rewritten at every rotation; superseded sets are kept a month for a rollback.
  lifecycle_rule = var.enable_jwks_lifecycle_rules ? { id = "expire-superseded-key-sets", noncurrent_version_expiration_days = 30 } : null
}
