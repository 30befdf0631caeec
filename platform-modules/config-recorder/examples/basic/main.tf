provider "aws" {
  region = "us-east-1"
}

provider "aws" {
  alias  = "dr"
  region = "us-west-2"
}

# Every account, every region: the first region records global resources and creates the role.
module "config" {
  source = "../.."

  include_global_resource_types = true
  s3_bucket_name                = "allergyhub-audit-logs"
  kms_key_arn                   = "arn:aws:kms:us-east-1:222222222222:key/1234abcd-12ab-34cd-56ef-1234567890ab"
}

module "config_dr" {
  source    = "../.."
  providers = { aws = aws.dr }

  create_service_linked_role    = false
  role_arn                      = module.config.role_arn
  include_global_resource_types = false
  s3_bucket_name                = "allergyhub-audit-logs"
  kms_key_arn                   = "arn:aws:kms:us-east-1:222222222222:key/1234abcd-12ab-34cd-56ef-1234567890ab"
}
