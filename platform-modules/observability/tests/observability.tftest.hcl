mock_provider "aws" {
  source = "../mocks"

  mock_resource "aws_s3_bucket" {
    defaults = { arn = "arn:aws:s3:::mock-bucket" }
  }
  mock_resource "aws_kinesis_firehose_delivery_stream" {
    defaults = { arn = "arn:aws:firehose:us-east-1:123456789012:deliverystream/mock" }
  }
  mock_resource "aws_opensearch_domain" {
    defaults = { arn = "arn:aws:es:us-east-1:123456789012:domain/allergyhub-logs" }
  }
  mock_resource "aws_sns_topic" {
    defaults = { arn = "arn:aws:sns:us-east-1:123456789012:mock" }
  }
}

override_resource {
  target = aws_sns_topic.route["critical"]
  values = { arn = "arn:aws:sns:us-east-1:123456789012:allergyhub-prod-alerts-critical" }
}

override_resource {
  target = aws_sns_topic.route["non-critical"]
  values = { arn = "arn:aws:sns:us-east-1:123456789012:allergyhub-prod-alerts-non-critical" }
}

variables {
  name        = "allergyhub-prod"
  environment = "prod"
  kms_key_arn = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
  tags        = { CostCenter = "platform" }

  log_groups = [
    { name = "/allergyhub/prod/clinic-api" },
    { name = "/allergyhub/prod/policy-service", retention_days = 731 },
  ]
  log_retention_days = 365

  opensearch_domain_name     = "allergyhub-logs"
  opensearch_vpc_id          = "vpc-0123456789abcdef0"
  opensearch_subnet_ids      = ["subnet-0000000000000000a", "subnet-0000000000000000b", "subnet-0000000000000000c"]
  opensearch_master_role_arn = "arn:aws:iam::123456789012:role/platform-admin"

  tracing_sampling_rate = 0.05

  alert_routes = [
    { name = "critical", severity = "critical" },
    { name = "non-critical", severity = "non-critical" },
  ]

  alarms = [
    {
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
    },
    {
      name               = "api-latency-p99"
      namespace          = "AWS/ApplicationELB"
      metric             = "TargetResponseTime"
      statistic          = "Maximum"
      threshold          = 2
      comparison         = "GreaterThanThreshold"
      period_seconds     = 300
      evaluation_periods = 3
      route              = "non-critical"
      runbook_url        = "https://github.com/allergyhub/infrastructure/blob/main/docs/runbooks/api-latency.md"
    },
  ]
}

run "log_groups_and_pipeline_to_opensearch" {
  command = apply

  assert {
    condition = (
      aws_cloudwatch_log_group.this["/allergyhub/prod/clinic-api"].retention_in_days == 365 &&
      aws_cloudwatch_log_group.this["/allergyhub/prod/policy-service"].retention_in_days == 731
    )
    error_message = "Log groups keep the default retention unless they set their own."
  }

  assert {
    condition     = alltrue([for g in aws_cloudwatch_log_group.this : g.kms_key_id == var.kms_key_arn])
    error_message = "Every log group is encrypted with the given key."
  }

  assert {
    condition = (
      length(aws_cloudwatch_log_subscription_filter.this) == 2 &&
      alltrue([for f in aws_cloudwatch_log_subscription_filter.this : f.destination_arn == aws_kinesis_firehose_delivery_stream.opensearch[0].arn])
    )
    error_message = "Each log group is subscribed to the Firehose stream."
  }

  assert {
    condition = (
      length(aws_kinesis_firehose_delivery_stream.s3) == 0 &&
      aws_kinesis_firehose_delivery_stream.opensearch[0].opensearch_configuration[0].domain_arn == aws_opensearch_domain.logs[0].arn &&
      aws_kinesis_firehose_delivery_stream.opensearch[0].opensearch_configuration[0].buffering_interval == 60 &&
      aws_kinesis_firehose_delivery_stream.opensearch[0].server_side_encryption[0].key_arn == var.kms_key_arn
    )
    error_message = "Firehose delivers to the OpenSearch domain, encrypted with the key."
  }

  assert {
    condition = (
      module.log_backup_bucket[0].kms_key_arn == var.kms_key_arn &&
      jsondecode(module.log_backup_bucket[0].policy).Statement[0].Sid == "DenyInsecureTransport" &&
      module.log_backup_bucket[0].lifecycle_rules[0].expiration[0].days == var.log_backup_retention_days
    )
    error_message = "The backup bucket (a private-bucket) is encrypted with the key, TLS-only, and expires after log_backup_retention_days."
  }
}

run "opensearch_domain_is_locked_down" {
  command = apply

  assert {
    condition = (
      aws_opensearch_domain.logs[0].encrypt_at_rest[0].enabled &&
      aws_opensearch_domain.logs[0].encrypt_at_rest[0].kms_key_id == var.kms_key_arn &&
      aws_opensearch_domain.logs[0].node_to_node_encryption[0].enabled
    )
    error_message = "The domain encrypts at rest with the key and between nodes."
  }

  assert {
    condition = (
      aws_opensearch_domain.logs[0].domain_endpoint_options[0].enforce_https &&
      aws_opensearch_domain.logs[0].domain_endpoint_options[0].tls_security_policy == "Policy-Min-TLS-1-2-2019-07"
    )
    error_message = "The domain enforces HTTPS with TLS 1.2 or later."
  }

  assert {
    condition = (
      aws_opensearch_domain.logs[0].advanced_security_options[0].enabled &&
      !aws_opensearch_domain.logs[0].advanced_security_options[0].internal_user_database_enabled &&
      aws_opensearch_domain.logs[0].advanced_security_options[0].master_user_options[0].master_user_arn == var.opensearch_master_role_arn
    )
    error_message = "Fine-grained access control is on with the IAM master role."
  }

  assert {
    condition     = length(aws_iam_role.opensearch_master) == 0
    error_message = "A given master role is used as is; the module creates none."
  }

  assert {
    condition = (
      length(aws_opensearch_domain.logs[0].vpc_options[0].subnet_ids) == 3 &&
      aws_opensearch_domain.logs[0].cluster_config[0].zone_awareness_config[0].availability_zone_count == 3 &&
      aws_opensearch_domain.logs[0].cluster_config[0].dedicated_master_count == 3
    )
    error_message = "The domain spans three zones inside the VPC with three dedicated masters."
  }

  assert {
    condition     = jsondecode(aws_opensearch_domain.logs[0].access_policies).Statement[0].Principal.AWS == "arn:aws:iam::123456789012:root"
    error_message = "Only this account's principals may call the domain."
  }

  assert {
    condition     = contains([for o in aws_opensearch_domain.logs[0].log_publishing_options : o.log_type], "AUDIT_LOGS")
    error_message = "Audit logs are published."
  }
}

run "alerts_route_to_topics_with_runbooks" {
  command = apply

  assert {
    condition     = alltrue([for t in aws_sns_topic.route : t.kms_master_key_id == var.kms_key_arn])
    error_message = "Alert topics are KMS-encrypted."
  }

  assert {
    condition = (
      aws_cloudwatch_metric_alarm.this["api-5xx-rate"].alarm_actions == toset(["arn:aws:sns:us-east-1:123456789012:allergyhub-prod-alerts-critical"]) &&
      aws_cloudwatch_metric_alarm.this["api-latency-p99"].alarm_actions == toset(["arn:aws:sns:us-east-1:123456789012:allergyhub-prod-alerts-non-critical"])
    )
    error_message = "Each alarm notifies its own route's topic."
  }

  assert {
    condition     = strcontains(aws_cloudwatch_metric_alarm.this["api-5xx-rate"].alarm_description, "https://github.com/allergyhub/infrastructure/blob/main/docs/runbooks/api-5xx-rate.md")
    error_message = "The alarm description carries the runbook link."
  }

  assert {
    condition = (
      aws_cloudwatch_metric_alarm.this["api-5xx-rate"].threshold == 50 &&
      aws_cloudwatch_metric_alarm.this["api-5xx-rate"].comparison_operator == "GreaterThanThreshold" &&
      aws_cloudwatch_metric_alarm.this["api-5xx-rate"].period == 300 &&
      aws_cloudwatch_metric_alarm.this["api-5xx-rate"].evaluation_periods == 2
    )
    error_message = "Alarm thresholds and periods come from the input."
  }

  assert {
    condition     = aws_xray_sampling_rule.this[0].fixed_rate == 0.05 && aws_xray_sampling_rule.this[0].reservoir_size == 1 && aws_xray_sampling_rule.this[0].rule_name == "prod-default"
    error_message = "The sampling rule uses the environment's rate and reservoir."
  }

  assert {
    condition     = length(aws_prometheus_workspace.this) == 1 && length(aws_grafana_workspace.this) == 1
    error_message = "Prometheus and Grafana workspaces are on by default for real targets."
  }
}

run "local_target_switches_off_what_the_emulator_cannot_serve" {
  command = apply

  variables {
    enable_opensearch          = false
    enable_grafana             = false
    enable_prometheus          = false
    enable_xray_sampling_rules = false
    enable_lifecycle_rules     = false
    opensearch_vpc_id          = null
    opensearch_subnet_ids      = []
    opensearch_master_role_arn = null
  }

  assert {
    condition = (
      length(aws_opensearch_domain.logs) == 0 && length(aws_grafana_workspace.this) == 0 &&
      length(aws_prometheus_workspace.this) == 0 && length(aws_xray_sampling_rule.this) == 0
    )
    error_message = "Each switch removes its resource."
  }

  assert {
    condition     = length(module.log_backup_bucket) == 1 && module.log_backup_bucket[0].lifecycle_rules == []
    error_message = "enable_lifecycle_rules = false keeps the backup bucket but drops its lifecycle rules."
  }

  assert {
    condition = (
      length(aws_kinesis_firehose_delivery_stream.opensearch) == 0 &&
      aws_kinesis_firehose_delivery_stream.s3[0].extended_s3_configuration[0].bucket_arn == module.log_backup_bucket[0].arn &&
      alltrue([for f in aws_cloudwatch_log_subscription_filter.this : f.destination_arn == aws_kinesis_firehose_delivery_stream.s3[0].arn])
    )
    error_message = "Without OpenSearch the logs still ship, to the S3 bucket."
  }

  assert {
    condition     = output.opensearch_domain_arn == null && output.grafana_workspace_id == null
    error_message = "Outputs of switched-off resources are null."
  }
}

run "rejects_alarm_on_unknown_route" {
  command = plan

  variables {
    alarms = [{
      name               = "x"
      namespace          = "AWS/RDS"
      metric             = "CPUUtilization"
      statistic          = "Average"
      threshold          = 85
      comparison         = "GreaterThanThreshold"
      period_seconds     = 300
      evaluation_periods = 3
      route              = "pagerduty"
      runbook_url        = "https://example.com/runbook"
    }]
  }

  expect_failures = [var.alarms]
}

run "module_creates_the_master_role_the_admins_assume" {
  command = apply

  variables {
    opensearch_master_role_arn     = null
    opensearch_admin_role_patterns = ["aws-reserved/sso.amazonaws.com/AWSReservedSSO_PlatformAdministrator_*"]
  }

  assert {
    condition = (
      length(aws_iam_role.opensearch_master) == 1 &&
      aws_opensearch_domain.logs[0].advanced_security_options[0].master_user_options[0].master_user_arn == aws_iam_role.opensearch_master[0].arn &&
      output.opensearch_master_role_arn == aws_iam_role.opensearch_master[0].arn
    )
    error_message = "Without a given role the module creates the master role and the domain uses it."
  }

  assert {
    condition = (
      jsondecode(aws_iam_role.opensearch_master[0].assume_role_policy).Statement[0].Condition.ArnLike["aws:PrincipalArn"] ==
      ["arn:aws:iam::123456789012:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_PlatformAdministrator_*"] &&
      aws_iam_role.opensearch_master[0].max_session_duration == 3600
    )
    error_message = "Only the administrators' roles of this account may assume the master role, for an hour at most."
  }

  assert {
    condition     = jsondecode(aws_iam_role_policy.opensearch_master[0].policy).Statement[0].Resource == "arn:aws:es:us-east-1:123456789012:domain/${var.opensearch_domain_name}/*"
    error_message = "The master role reaches this domain only."
  }
}

run "rejects_opensearch_without_a_master" {
  command = plan

  variables {
    opensearch_master_role_arn     = null
    opensearch_admin_role_patterns = []
  }

  expect_failures = [var.opensearch_master_role_arn]
}

run "rejects_opensearch_without_vpc" {
  command = plan

  variables {
    opensearch_subnet_ids = []
  }

  expect_failures = [var.opensearch_subnet_ids]
}

run "rejects_unsupported_retention" {
  command = plan

  variables {
    log_retention_days = 45
  }

  expect_failures = [var.log_retention_days]
}
