provider "aws" {
  region = "us-east-1"

  default_tags {
    tags = { Platform = "allergyhub", ManagedBy = "plinth" }
  }
}

# In the log-archive account; the deploy roles of the other accounts append the records.
module "change_log" {
  source = "../.."

  name        = "allergyhub"
  bucket_name = "allergyhub-change-log-example"
  region      = "us-east-1"
  writer_role_arns = [
    "arn:aws:iam::222222222222:role/plinth-deploy",
    "arn:aws:iam::333333333333:role/plinth-deploy",
  ]
}

output "change_log" {
  value = {
    bucket = module.change_log.bucket_name
    prefix = module.change_log.key_prefix
  }
}
