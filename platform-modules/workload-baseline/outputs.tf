output "alb_arn" {
  description = "ARN of the load balancer (null when enable_load_balancer is off)."
  value       = one(aws_lb.this[*].arn)
}

output "alb_dns_name" {
  description = "DNS name of the load balancer: the CloudFront origin (null when off)."
  value       = one(aws_lb.this[*].dns_name)
}

output "alb_zone_id" {
  description = "Hosted zone ID of the load balancer, for alias records (null when off)."
  value       = one(aws_lb.this[*].zone_id)
}

output "alb_arn_suffix" {
  description = "ARN suffix of the load balancer, the LoadBalancer dimension of its CloudWatch metrics (null when off)."
  value       = one(aws_lb.this[*].arn_suffix)
}

output "target_group_arn" {
  description = "ARN of the application target group (null when off)."
  value       = one(aws_lb_target_group.app[*].arn)
}

output "alb_security_group_id" {
  description = "Security group of the load balancer (null when off)."
  value       = one(aws_security_group.alb[*].id)
}

output "app_security_group_id" {
  description = "Security group of the application instances; the only source the database accepts."
  value       = aws_security_group.app.id
}

output "db_security_group_id" {
  description = "Security group of the database."
  value       = aws_security_group.db.id
}

output "launch_template_id" {
  description = "ID of the instances' launch template."
  value       = module.launch_template.id
}

output "autoscaling_group_name" {
  description = "Name of the autoscaling group."
  value       = aws_autoscaling_group.app.name
}

output "instance_role_name" {
  description = "Name of the instances' IAM role, to attach further policies."
  value       = aws_iam_role.instance.name
}

output "db_instance_arn" {
  description = "ARN of the PostgreSQL instance (null when `enable_database` is off)."
  value       = one(aws_db_instance.this[*].arn)
}

output "db_instance_identifier" {
  description = "Identifier of the PostgreSQL instance, the DBInstanceIdentifier dimension of its metrics."
  value       = one(aws_db_instance.this[*].identifier)
}

output "db_endpoint" {
  description = "Connection endpoint (host:port) of the database."
  value       = one(aws_db_instance.this[*].endpoint)
}

output "db_master_secret_arn" {
  description = "ARN of the RDS-managed master user secret (created and rotated by RDS)."
  value       = try(aws_db_instance.this[0].master_user_secret[0].secret_arn, null)
}

output "db_backup_replication_arn" {
  description = "ARN of the replicated automated backups in the disaster-recovery region (null when off)."
  value       = one(aws_db_instance_automated_backups_replication.dr[*].id)
}
