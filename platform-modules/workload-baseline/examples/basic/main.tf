provider "aws" {
  region = "us-east-1"

  default_tags {
    tags = { Platform = "allergyhub", Environment = "prod" }
  }
}

provider "aws" {
  alias  = "dr"
  region = "us-west-2"

  default_tags {
    tags = { Platform = "allergyhub", Environment = "prod" }
  }
}

module "workload" {
  source = "../.."
  providers = {
    aws    = aws
    aws.dr = aws.dr
  }

  name        = "allergyhub-prod-api"
  environment = "prod"

  vpc_id              = "vpc-0a1b2c3d4e5f60718"
  public_subnet_ids   = ["subnet-0a1b2c3d4e5f60701", "subnet-0a1b2c3d4e5f60702", "subnet-0a1b2c3d4e5f60703"]
  private_subnet_ids  = ["subnet-0a1b2c3d4e5f60711", "subnet-0a1b2c3d4e5f60712", "subnet-0a1b2c3d4e5f60713"]
  isolated_subnet_ids = ["subnet-0a1b2c3d4e5f60721", "subnet-0a1b2c3d4e5f60722", "subnet-0a1b2c3d4e5f60723"]

  certificate_arn             = "arn:aws:acm:us-east-1:111122223333:certificate/0a1b2c3d-1234-5678-9abc-0a1b2c3d4e5f"
  alb_access_logs_bucket      = "allergyhub-prod-alb-logs"
  alb_ingress_prefix_list_ids = ["pl-3b927c52"]
  app_ingress_cidr_blocks     = ["10.16.0.0/16"]

  ami_id           = "ami-0123456789abcdef0"
  instance_type    = "m6i.xlarge"
  min_size         = 3
  max_size         = 12
  desired_capacity = 3
  kms_key_arn      = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"

  db_engine_version           = "16.4"
  db_instance_class           = "db.r6g.xlarge"
  db_allocated_storage_gb     = 500
  db_max_allocated_storage_gb = 2000
  multi_az                    = true
  db_backup_retention_days    = 14

  enable_backup_replication = true
  dr_kms_key_arn            = "arn:aws:kms:us-west-2:111122223333:key/5678abcd-12ab-34cd-56ef-1234567890ab"
}

output "alb_dns_name" {
  value = module.workload.alb_dns_name
}
