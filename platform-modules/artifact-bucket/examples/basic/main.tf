provider "aws" {
  region = "us-east-1"

  default_tags {
    tags = { Platform = "allergyhub", ManagedBy = "plinth" }
  }
}

# In the environment's account, beside its functions; the publish role of the registry's account
# writes the release zips.
module "artifacts" {
  source = "../.."

  bucket_name         = "allergyhub-prod-lambda-artifacts-example"
  publisher_role_arns = ["arn:aws:iam::222222222222:role/plinth-publish"]
  key_prefixes        = ["secret-rotation"]
}

output "artifacts" {
  value = module.artifacts.bucket_name
}
