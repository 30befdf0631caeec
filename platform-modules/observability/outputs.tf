output "log_group_arns" {
  description = "ARNs of the log groups, by name."
  value       = { for k, g in aws_cloudwatch_log_group.this : k => g.arn }
}

output "log_group_names" {
  description = "Names of the log groups created here, sorted."
  value       = sort(keys(aws_cloudwatch_log_group.this))
}

output "firehose_delivery_stream_arn" {
  description = "ARN of the Firehose stream the log groups are subscribed to (null when the pipeline is off)."
  value       = local.firehose_arn
}

output "log_backup_bucket" {
  description = "Name of the Firehose backup bucket (null when the pipeline is off)."
  value       = one(module.log_backup_bucket[*].bucket)
}

output "opensearch_domain_arn" {
  description = "ARN of the OpenSearch domain (null when enable_opensearch is off)."
  value       = one(aws_opensearch_domain.logs[*].arn)
}

output "opensearch_endpoint" {
  description = "VPC endpoint of the OpenSearch domain (null when enable_opensearch is off)."
  value       = one(aws_opensearch_domain.logs[*].endpoint)
}

output "prometheus_workspace_id" {
  description = "ID of the Managed Prometheus workspace (null when enable_prometheus is off)."
  value       = one(aws_prometheus_workspace.this[*].id)
}

output "prometheus_endpoint" {
  description = "Remote-write/query endpoint of the Managed Prometheus workspace (null when off)."
  value       = one(aws_prometheus_workspace.this[*].prometheus_endpoint)
}

output "grafana_workspace_id" {
  description = "ID of the Managed Grafana workspace (null when enable_grafana is off)."
  value       = one(aws_grafana_workspace.this[*].id)
}

output "grafana_endpoint" {
  description = "URL of the Managed Grafana workspace (null when off)."
  value       = one(aws_grafana_workspace.this[*].endpoint)
}

output "xray_sampling_rule_arn" {
  description = "ARN of the environment's X-Ray sampling rule (null when off)."
  value       = one(aws_xray_sampling_rule.this[*].arn)
}

output "alert_topic_arns" {
  description = "SNS topic ARN per alert route name; other stacks publish alarms to these."
  value       = { for k, t in aws_sns_topic.route : k => t.arn }
}

output "alarm_arns" {
  description = "ARNs of the CloudWatch alarms, by alarm name."
  value       = { for k, a in aws_cloudwatch_metric_alarm.this : k => a.arn }
}

output "opensearch_master_role_arn" {
  description = "Fine-grained access control master of the domain: the given role or the one the module created (null when enable_opensearch is off)."
  value       = var.enable_opensearch ? local.master_role_arn : null
}
