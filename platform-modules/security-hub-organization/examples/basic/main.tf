provider "aws" {
  region = "us-east-1"
}

# In the audit account, once the management account made it Security Hub's delegated administrator.
module "security_hub" {
  source = "../.."

  member_account_ids = { dev = "333333333333", prod = "444444444444" }
}

output "standards" {
  value = module.security_hub.standards_arns
}
