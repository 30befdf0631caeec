provider "aws" {
  region = "us-east-1"
}

module "rotation_function" {
  source = "../.."

  name                        = "allergyhub-prod-secret-rotation"
  environment                 = "prod"
  package                     = { s3_bucket = "allergyhub-prod-lambda-artifacts", s3_key = "secret-rotation/secret-rotation.zip" }
  vpc_id                      = "vpc-0123456789abcdef0"
  subnet_ids                  = ["subnet-0aaaaaaaaaaaaaaaa", "subnet-0bbbbbbbbbbbbbbbb"]
  database_security_group_ids = ["sg-0database00000000"]
  endpoint_security_group_id  = "sg-0endpoints0000000"
  secret_arns                 = ["arn:aws:secretsmanager:us-east-1:111122223333:secret:prod/policy-service/database-AbCdEf"]
  kms_key_arn                 = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
  rotation_config = jsonencode({
    secrets = {
      "prod/policy-service/database" = { strategy = "postgres-alternating-logins" }
    }
  })
  rotation_schedules = {
    "prod/policy-service/database" = {
      secret_arn    = "arn:aws:secretsmanager:us-east-1:111122223333:secret:prod/policy-service/database-AbCdEf"
      schedule_days = 30
    }
  }
}
