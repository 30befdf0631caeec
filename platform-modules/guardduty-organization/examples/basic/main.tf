provider "aws" {
  region = "us-east-1"
}

# In the audit account, once the management account made it GuardDuty's delegated administrator.
module "guardduty" {
  source = "../.."
}

output "detector_id" {
  value = module.guardduty.detector_id
}
