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

data "aws_caller_identity" "current" {}
data "aws_partition" "current" {}
data "aws_region" "current" {}

module "key_policy" {
  source = "../.."

  account_id = data.aws_caller_identity.current.account_id
  partition  = data.aws_partition.current.partition
  statements = [{
    Sid       = "CloudWatchLogsUsesKey"
    Effect    = "Allow"
    Principal = { Service = "logs.${data.aws_region.current.name}.amazonaws.com" }
    Action    = ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"]
    Resource  = "*"
  }]
}

resource "aws_kms_key" "logs" {
  description             = "allergyhub-prod: example log group key"
  enable_key_rotation     = true
  deletion_window_in_days = 30
  policy                  = module.key_policy.json
}
