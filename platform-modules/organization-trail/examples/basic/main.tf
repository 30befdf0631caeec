provider "aws" {
  region = "us-east-1"

  default_tags {
    tags = { Platform = "allergyhub", ManagedBy = "plinth" }
  }
}

# In the management account; the bucket and key come from audit-log-archive in log-archive.
module "trail" {
  source = "../.."

  name           = "allergyhub-organization"
  s3_bucket_name = "allergyhub-audit-logs"
  kms_key_arn    = "arn:aws:kms:us-east-1:222222222222:key/1234abcd-12ab-34cd-56ef-1234567890ab"
}

output "trail_arn" {
  value = module.trail.trail_arn
}
