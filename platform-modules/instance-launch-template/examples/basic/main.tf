provider "aws" {
  region = "us-east-1"
}

terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.100"
    }
  }
}

module "launch_template" {
  source = "../.."

  name                 = "allergyhub-dev"
  instance_name        = "allergyhub-dev-app"
  description          = "Application instances of allergyhub-dev"
  ami_id               = "ami-0123456789abcdef0"
  instance_type        = "t3.small"
  instance_profile_arn = "arn:aws:iam::123456789012:instance-profile/allergyhub-dev-instance"
  security_group_ids   = ["sg-0123456789abcdef0"]
  kms_key_arn          = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
  tags                 = { Environment = "dev" }
}

output "launch_template_id" {
  value = module.launch_template.id
}
