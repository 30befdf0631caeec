provider "aws" {
  region = "us-east-1"

  default_tags {
    tags = { Platform = "allergyhub", Environment = "dev" }
  }
}

module "ci_oidc" {
  source = "../.."

  name                = "allergyhub-dev"
  github_organization = "allergyhub"

  deploy_roles = [{
    role_name                = "plinth-deploy"
    repository               = "infrastructure"
    branches                 = ["main", "feature/*"]
    environments             = ["dev"]
    max_session_duration     = 3600
    policy_arns              = ["arn:aws:iam::111122223333:policy/plinth-deploy-dev"]
    permissions_boundary_arn = "arn:aws:iam::111122223333:policy/plinth-deploy-boundary"
  }]
}

output "role_arns" {
  value = module.ci_oidc.role_arns
}
