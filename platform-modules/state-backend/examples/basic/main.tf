provider "aws" {
  region = "us-east-1"
  default_tags {
    tags = { ManagedBy = "plinth" }
  }
}

module "state_backend" {
  source = "../.."

  name            = "allergyhub"
  bucket_name     = "allergyhub-terraform-state"
  lock_table_name = "allergyhub-terraform-locks"
  tags            = { Owner = "platform-team" }
}

output "backend" {
  value = {
    bucket         = module.state_backend.bucket_name
    dynamodb_table = module.state_backend.lock_table_name
    kms_key_id     = module.state_backend.kms_key_arn
  }
}
