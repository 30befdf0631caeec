# Managed Prometheus and Grafana workspaces and the environment's X-Ray sampling rule, each behind
# its own switch (pricing approval pending; the emulator serves neither Grafana nor sampling rules).

resource "aws_cloudwatch_log_group" "prometheus" {
  count = var.enable_prometheus ? 1 : 0

  name              = "/aws/prometheus/${var.name}-${var.prometheus_workspace_alias}"
  retention_in_days = var.log_retention_days
  kms_key_id        = var.kms_key_arn
  tags              = local.common_tags
}

resource "aws_prometheus_workspace" "this" {
  count = var.enable_prometheus ? 1 : 0

  alias       = var.prometheus_workspace_alias
  kms_key_arn = var.kms_key_arn

  logging_configuration {
    log_group_arn = "${aws_cloudwatch_log_group.prometheus[0].arn}:*"
  }

  tags = local.common_tags
}

resource "aws_iam_role" "grafana" {
  count = var.enable_grafana ? 1 : 0

  name = "${var.name}-grafana"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "grafana.amazonaws.com" }
      Action    = "sts:AssumeRole"
      Condition = { StringEquals = { "aws:SourceAccount" = local.account_id } }
    }]
  })
  tags = local.common_tags
}

# Read-only data source access: AWS's managed policies for Grafana's CloudWatch, Prometheus and
# X-Ray sources.
resource "aws_iam_role_policy_attachment" "grafana" {
  for_each = var.enable_grafana ? {
    cloudwatch = "arn:${local.partition}:iam::aws:policy/service-role/AmazonGrafanaCloudWatchAccess"
    prometheus = "arn:${local.partition}:iam::aws:policy/AmazonPrometheusQueryAccess"
    xray       = "arn:${local.partition}:iam::aws:policy/AWSXrayReadOnlyAccess"
  } : {}

  role       = aws_iam_role.grafana[0].name
  policy_arn = each.value
}

resource "aws_grafana_workspace" "this" {
  count = var.enable_grafana ? 1 : 0

  name                     = var.grafana_workspace_name
  description              = "Dashboards of ${var.name}"
  account_access_type      = "CURRENT_ACCOUNT"
  authentication_providers = var.grafana_authentication_providers
  permission_type          = "SERVICE_MANAGED"
  role_arn                 = aws_iam_role.grafana[0].arn
  data_sources             = ["CLOUDWATCH", "PROMETHEUS", "XRAY"]
  tags                     = local.common_tags
}

resource "aws_xray_sampling_rule" "this" {
  count = var.enable_xray_sampling_rules ? 1 : 0

  rule_name      = substr("${var.environment}-default", 0, 32)
  priority       = 1000
  version        = 1
  reservoir_size = var.tracing_reservoir_per_second
  fixed_rate     = var.tracing_sampling_rate
  url_path       = "*"
  host           = "*"
  http_method    = "*"
  service_type   = "*"
  service_name   = "*"
  resource_arn   = "*"
  attributes     = { environment = var.environment }
  tags           = local.common_tags
}
