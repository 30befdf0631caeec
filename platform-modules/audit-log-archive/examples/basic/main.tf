provider "aws" {
  region = "us-east-1"

  default_tags {
    tags = { Platform = "allergyhub", ManagedBy = "plinth" }
  }
}

# In the log-archive account; the trail's ARN is known before the trail exists.
module "audit_logs" {
  source = "../.."

  name            = "allergyhub"
  bucket_name     = "allergyhub-audit-logs-example"
  organization_id = "o-abcd123456"
  trail_arn       = "arn:aws:cloudtrail:us-east-1:111111111111:trail/allergyhub-organization"
  retention_days  = 365
}

output "destination" {
  value = {
    bucket     = module.audit_logs.bucket_name
    kms_key_id = module.audit_logs.kms_key_arn
  }
}
