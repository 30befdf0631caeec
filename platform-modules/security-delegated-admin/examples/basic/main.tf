provider "aws" {
  region = "us-east-1"
}

provider "aws" {
  alias  = "dr"
  region = "us-west-2"
}

# In the management account: every region gets the regional designations, one call the global ones.
module "delegation" {
  source = "../.."

  admin_account_id                = "555555555555"
  organization_service_principals = ["access-analyzer.amazonaws.com", "config.amazonaws.com"]
}

module "delegation_dr" {
  source    = "../.."
  providers = { aws = aws.dr }

  admin_account_id = "555555555555"
}
