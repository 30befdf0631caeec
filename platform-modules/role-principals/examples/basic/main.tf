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

data "aws_partition" "current" {}

module "writers" {
  source = "../.."

  role_arns = ["arn:aws:iam::111111111111:role/plinth-deploy"]
  partition = data.aws_partition.current.partition
}

# A bucket policy statement that lets the writers (and only them) append records, to attach with
# aws_s3_bucket_policy; the roles need not exist yet.
output "statement" {
  description = "The statement granting the writers, narrowed to the roles."
  value = {
    Sid       = "WritersAppendRecords"
    Effect    = "Allow"
    Principal = { AWS = module.writers.accounts }
    Action    = "s3:PutObject"
    Resource  = "arn:${data.aws_partition.current.partition}:s3:::allergyhub-example-records/records/*"
    Condition = module.writers.condition
  }
}
