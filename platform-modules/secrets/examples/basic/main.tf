provider "aws" {
  region = "us-east-1"

  default_tags {
    tags = { Platform = "allergyhub", Environment = "prod" }
  }
}

module "secrets" {
  source = "../.."

  name                  = "allergyhub-prod"
  environment           = "prod"
  kms_key_alias         = "alias/allergyhub-prod"
  kms_key_rotation_days = 180

  secrets = [
    {
      name        = "prod/clinic-api/database-master"
      description = "PostgreSQL master credentials, created and rotated by RDS."
      owner       = "platform-team"
      rotation    = { kind = "rds-native", schedule_days = 7 }
    },
    {
      name        = "prod/policy-service/database"
      description = "Policy service database login."
      owner       = "identity-team"
      rotation    = { kind = "function", schedule_days = 30, function = "secret-rotation" }
      readers     = ["policy-service"]
    },
  ]

  parameters = [
    {
      name        = "/allergyhub/prod/policy-service/issuer"
      type        = "String"
      description = "Token issuer URL the policy service trusts."
      readers     = ["policy-service"]
    },
  ]
}

output "reader_policy_arns" {
  value = module.secrets.reader_policy_arns
}
