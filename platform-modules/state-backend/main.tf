data "aws_caller_identity" "current" {}

data "aws_partition" "current" {}

module "key_policy" {
  source = "../kms-key-policy"

  account_id = data.aws_caller_identity.current.account_id
  partition  = data.aws_partition.current.partition
}

# One customer-managed key encrypts both the state objects and the lock table, so access to state is
# governed by this key policy as well as by IAM.
resource "aws_kms_key" "state" {
  description             = "Terraform state and lock table for ${var.name}"
  enable_key_rotation     = true
  deletion_window_in_days = var.kms_deletion_window_days
  policy                  = module.key_policy.json
  tags                    = var.tags
}

resource "aws_kms_alias" "state" {
  name          = "alias/${var.name}-terraform-state"
  target_key_id = aws_kms_key.state.key_id
}

module "bucket" {
  source = "../private-bucket"

  bucket            = var.bucket_name
  force_destroy     = var.force_destroy
  tags              = var.tags
  kms_key_arn       = aws_kms_key.state.arn
  access_log_bucket = var.access_log_bucket
  access_log_prefix = var.access_log_prefix
  lifecycle_rule = var.enable_lifecycle_rules ? {
    id                                     = "expire-noncurrent-state"
    noncurrent_version_expiration_days     = var.noncurrent_version_expiration_days
    abort_incomplete_multipart_upload_days = 7
  } : null
  # Refuses every request that does not use TLS, whoever makes it.
  enforce_tls_policy = var.enforce_tls_policy
}

resource "aws_dynamodb_table" "lock" {
  name         = var.lock_table_name
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "LockID"

  attribute {
    name = "LockID"
    type = "S"
  }

  point_in_time_recovery {
    enabled = true
  }

  server_side_encryption {
    enabled     = true
    kms_key_arn = aws_kms_key.state.arn
  }

  deletion_protection_enabled = !var.force_destroy

  tags = var.tags
}

# The lifecycle configuration became switchable (enable_lifecycle_rules); existing states keep it.
moved {
  from = aws_s3_bucket_lifecycle_configuration.state
  to   = aws_s3_bucket_lifecycle_configuration.state[0]
}

# The bucket's blocks moved into the shared private-bucket module; existing states keep them.
moved {
  from = aws_s3_bucket.state
  to   = module.bucket.aws_s3_bucket.this
}

moved {
  from = aws_s3_bucket_ownership_controls.state
  to   = module.bucket.aws_s3_bucket_ownership_controls.this
}

moved {
  from = aws_s3_bucket_public_access_block.state
  to   = module.bucket.aws_s3_bucket_public_access_block.this
}

moved {
  from = aws_s3_bucket_versioning.state
  to   = module.bucket.aws_s3_bucket_versioning.this
}

moved {
  from = aws_s3_bucket_server_side_encryption_configuration.state
  to   = module.bucket.aws_s3_bucket_server_side_encryption_configuration.this
}

moved {
  from = aws_s3_bucket_lifecycle_configuration.state[0]
  to   = module.bucket.aws_s3_bucket_lifecycle_configuration.this[0]
}

moved {
  from = aws_s3_bucket_logging.state
  to   = module.bucket.aws_s3_bucket_logging.this
}

moved {
  from = aws_s3_bucket_policy.state
  to   = module.bucket.aws_s3_bucket_policy.this
}
