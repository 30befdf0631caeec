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

  account_id           = data.aws_caller_identity.current.account_id
  partition            = data.aws_partition.current.partition
  cloudwatch_log_group = { name = "/allergyhub/prod/example", region = data.aws_region.current.name }
  statements = [{
    Sid       = "SnsAlarmsUseKey"
    Effect    = "Allow"
    Principal = { Service = "sns.amazonaws.com" }
    Action    = ["kms:GenerateDataKey*", "kms:Decrypt"]
    Resource  = "*"
  }]
}

resource "aws_kms_key" "logs" {
  description             = "allergyhub-prod: example log group and topic key"
  enable_key_rotation     = true
  deletion_window_in_days = 30
  policy                  = module.key_policy.json
}
