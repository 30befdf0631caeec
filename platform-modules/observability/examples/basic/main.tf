provider "aws" {
  region = "us-east-1"

  default_tags {
    tags = { Platform = "allergyhub", Environment = "prod" }
  }
}

module "observability" {
  source = "../.."

  name        = "allergyhub-prod"
  environment = "prod"
  kms_key_arn = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"

  log_groups         = [{ name = "/allergyhub/prod/clinic-api" }, { name = "/allergyhub/prod/policy-service" }]
  log_retention_days = 365

  opensearch_domain_name     = "allergyhub-logs"
  opensearch_vpc_id          = "vpc-0a1b2c3d4e5f60718"
  opensearch_subnet_ids      = ["subnet-0a1b2c3d4e5f60711", "subnet-0a1b2c3d4e5f60712", "subnet-0a1b2c3d4e5f60713"]
  opensearch_master_role_arn = "arn:aws:iam::111122223333:role/platform-admin"

  enable_prometheus     = false
  enable_grafana        = false
  tracing_sampling_rate = 0.05

  alert_routes = [
    { name = "critical", severity = "critical" },
    { name = "non-critical", severity = "non-critical" },
  ]

  alarms = [{
    name               = "api-5xx-rate"
    namespace          = "AWS/ApplicationELB"
    metric             = "HTTPCode_Target_5XX_Count"
    statistic          = "Sum"
    threshold          = 50
    comparison         = "GreaterThanThreshold"
    period_seconds     = 300
    evaluation_periods = 2
    route              = "critical"
    runbook_url        = "https://github.com/allergyhub/infrastructure/blob/main/docs/runbooks/api-5xx-rate.md"
  }]
}

output "alert_topic_arns" {
  value = module.observability.alert_topic_arns
}
