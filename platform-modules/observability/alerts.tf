# One KMS-encrypted SNS topic per alert route, and the metric alarms that notify them.

locals {
  routes = { for r in var.alert_routes : r.name => r }
  route_subscriptions = merge([
    for r in var.alert_routes : {
      for i, s in r.subscriptions : "${r.name}/${i}" => merge(s, { route = r.name })
    }
  ]...)
  alarms = { for a in var.alarms : a.name => a }
}

resource "aws_sns_topic" "route" {
  for_each = local.routes

  name              = "${var.name}-alerts-${each.key}"
  display_name      = "${var.name} ${each.value.severity} alerts"
  kms_master_key_id = var.kms_key_arn
  tags              = merge(local.common_tags, { Severity = each.value.severity })
}

# Only CloudWatch alarms of this account may publish to the alert topics.
resource "aws_sns_topic_policy" "route" {
  for_each = local.routes

  arn = aws_sns_topic.route[each.key].arn
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "CloudWatchAlarmsPublish"
        Effect    = "Allow"
        Principal = { Service = "cloudwatch.amazonaws.com" }
        Action    = "sns:Publish"
        Resource  = aws_sns_topic.route[each.key].arn
        Condition = {
          StringEquals = { "aws:SourceAccount" = local.account_id }
        }
      },
      {
        Sid       = "AccountManages"
        Effect    = "Allow"
        Principal = { AWS = "arn:${local.partition}:iam::${local.account_id}:root" }
        Action    = ["sns:GetTopicAttributes", "sns:SetTopicAttributes", "sns:Subscribe", "sns:ListSubscriptionsByTopic", "sns:Publish"]
        Resource  = aws_sns_topic.route[each.key].arn
        Condition = {
          StringEquals = { "aws:PrincipalAccount" = local.account_id }
        }
      },
    ]
  })
}

resource "aws_sns_topic_subscription" "route" {
  for_each = local.route_subscriptions

  topic_arn = aws_sns_topic.route[each.value.route].arn
  protocol  = each.value.protocol
  endpoint  = each.value.endpoint
}

resource "aws_cloudwatch_metric_alarm" "this" {
  for_each = local.alarms

  alarm_name          = "${var.name}-${each.key}"
  alarm_description   = "${each.key} (${each.value.route}). Runbook: ${each.value.runbook_url}"
  namespace           = each.value.namespace
  metric_name         = each.value.metric
  statistic           = each.value.statistic
  threshold           = each.value.threshold
  comparison_operator = each.value.comparison
  period              = each.value.period_seconds
  evaluation_periods  = each.value.evaluation_periods
  dimensions          = length(each.value.dimensions) > 0 ? each.value.dimensions : null
  treat_missing_data  = each.value.treat_missing_data
  alarm_actions       = [aws_sns_topic.route[each.value.route].arn]
  ok_actions          = [aws_sns_topic.route[each.value.route].arn]
  tags                = merge(local.common_tags, { Route = each.value.route })
}
