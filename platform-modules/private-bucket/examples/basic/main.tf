provider "aws" {
  region = "us-east-1"

  default_tags {
    tags = { Platform = "allergyhub", Environment = "prod" }
  }
}

data "aws_caller_identity" "current" {}
data "aws_partition" "current" {}

module "logs_key_policy" {
  source = "../../../kms-key-policy"

  account_id = data.aws_caller_identity.current.account_id
  partition  = data.aws_partition.current.partition
}

resource "aws_kms_key" "logs" {
  description             = "allergyhub-prod: example log bucket"
  enable_key_rotation     = true
  deletion_window_in_days = 30
  policy                  = module.logs_key_policy.json
}

module "log_bucket" {
  source = "../.."

  bucket            = "allergyhub-prod-example-logs"
  kms_key_arn       = aws_kms_key.logs.arn
  access_log_bucket = "allergyhub-log-archive"
  lifecycle_rule    = { expiration_days = 90 }
}

output "bucket_arn" {
  value = module.log_bucket.arn
}
