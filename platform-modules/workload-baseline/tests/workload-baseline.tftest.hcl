mock_provider "aws" {
  source = "../mocks"

  override_data {
    target = data.aws_elb_service_account.current
    values = { arn = "arn:aws:iam::127311923021:root" }
  }
  mock_resource "aws_s3_bucket" {
    defaults = { arn = "arn:aws:s3:::mock-alb-logs" }
  }
  mock_resource "aws_db_instance" {
    defaults = { arn = "arn:aws:rds:us-east-1:123456789012:db:allergyhub-prod-api-db" }
  }
  mock_resource "aws_launch_template" {
    defaults = { id = "lt-0123456789abcdef0", latest_version = 1 }
  }
  mock_resource "aws_iam_instance_profile" {
    defaults = { arn = "arn:aws:iam::123456789012:instance-profile/mock" }
  }
  mock_resource "aws_lb_target_group" {
    defaults = { arn = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/mock/0123456789abcdef" }
  }
  mock_resource "aws_lb" {
    defaults = { arn = "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/mock/0123456789abcdef" }
  }
}

mock_provider "aws" {
  alias  = "dr"
  source = "../mocks"

  override_data {
    target = data.aws_region.dr
    values = { name = "us-west-2" }
  }
  mock_resource "aws_kms_key" {
    defaults = { arn = "arn:aws:kms:us-west-2:123456789012:key/0000aaaa-11bb-22cc-33dd-444444eeeeee" }
  }
}

variables {
  name        = "allergyhub-prod-api"
  environment = "prod"
  tags        = { CostCenter = "platform" }

  vpc_id              = "vpc-0123456789abcdef0"
  public_subnet_ids   = ["subnet-00000000000000001", "subnet-00000000000000002", "subnet-00000000000000003"]
  private_subnet_ids  = ["subnet-00000000000000011", "subnet-00000000000000012", "subnet-00000000000000013"]
  isolated_subnet_ids = ["subnet-00000000000000021", "subnet-00000000000000022", "subnet-00000000000000023"]

  certificate_arn             = "arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-1234-5678-9abc-0a1b2c3d4e5f"
  alb_access_logs_bucket      = "allergyhub-prod-alb-logs"
  alb_ingress_prefix_list_ids = ["pl-3b927c52"]

  ami_id           = "ami-0123456789abcdef0"
  instance_type    = "m6i.xlarge"
  min_size         = 3
  max_size         = 12
  desired_capacity = 3
  kms_key_arn      = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"

  db_engine_version           = "16.4"
  db_instance_class           = "db.r6g.xlarge"
  db_allocated_storage_gb     = 500
  db_max_allocated_storage_gb = 2000
  multi_az                    = true
  db_backup_retention_days    = 14
  db_deletion_protection      = true

  dr_kms_key_arn = "arn:aws:kms:us-west-2:123456789012:key/5678abcd-12ab-34cd-56ef-1234567890ab"
}

run "group_launches_the_hardened_template" {
  command = apply

  assert {
    condition = (
      aws_autoscaling_group.app.min_size == 3 && aws_autoscaling_group.app.max_size == 12 && aws_autoscaling_group.app.desired_capacity == 3 &&
      toset(aws_autoscaling_group.app.vpc_zone_identifier) == toset(var.private_subnet_ids) &&
      length(aws_autoscaling_group.app.mixed_instances_policy) == 0 &&
      aws_autoscaling_group.app.launch_template[0].id == module.launch_template.id &&
      aws_autoscaling_group.app.health_check_type == "ELB"
    )
    error_message = "The on-demand group spans the private subnets with the given sizes and ELB health checks."
  }

  assert {
    condition     = aws_autoscaling_group.app.instance_refresh[0].strategy == "Rolling" && aws_autoscaling_group.app.instance_refresh[0].preferences[0].min_healthy_percentage == 90
    error_message = "Launch template changes roll through the group, keeping 90% healthy."
  }
}

run "load_balancer_is_https_only_behind_cloudfront" {
  command = apply

  assert {
    condition = (
      aws_lb.this[0].drop_invalid_header_fields &&
      aws_lb.this[0].enable_deletion_protection &&
      aws_lb.this[0].access_logs[0].enabled && aws_lb.this[0].access_logs[0].bucket == "allergyhub-prod-alb-logs"
    )
    error_message = "The ALB drops invalid headers, is deletion-protected and logs access."
  }

  assert {
    condition     = length(module.alb_logs_bucket) == 0
    error_message = "A given log bucket is used as is; the module creates none."
  }

  assert {
    condition = (
      aws_lb_listener.https[0].protocol == "HTTPS" && aws_lb_listener.https[0].port == 443 &&
      aws_lb_listener.https[0].certificate_arn == var.certificate_arn &&
      aws_lb_listener.https[0].ssl_policy == "ELBSecurityPolicy-TLS13-1-2-2021-06"
    )
    error_message = "The only listener is HTTPS with the ACM certificate and a TLS 1.2+ policy."
  }

  assert {
    condition = (
      length(aws_vpc_security_group_ingress_rule.alb_from_prefix_list) == 1 &&
      aws_vpc_security_group_ingress_rule.alb_from_prefix_list["pl-3b927c52"].from_port == 443 &&
      length(aws_vpc_security_group_ingress_rule.alb_from_cidr) == 0
    )
    error_message = "The ALB accepts 443 from the CloudFront prefix list only."
  }

  assert {
    condition     = toset(aws_autoscaling_group.app.target_group_arns) == toset([aws_lb_target_group.app[0].arn])
    error_message = "The group registers with the target group."
  }
}

run "creates_the_access_log_bucket_when_none_is_given" {
  command = apply

  variables {
    alb_access_logs_bucket = null
  }

  assert {
    condition = (
      module.alb_logs_bucket[0].bucket == "allergyhub-prod-api-alb-logs-123456789012" &&
      aws_lb.this[0].access_logs[0].bucket == module.alb_logs_bucket[0].bucket &&
      aws_lb.this[0].access_logs[0].prefix == "alb/allergyhub-prod-api"
    )
    error_message = "Without a given bucket the module creates one in the account and the ALB logs to it."
  }

  assert {
    condition = (
      module.alb_logs_bucket[0].kms_key_arn == null &&
      module.alb_logs_bucket[0].lifecycle_rules[0].expiration[0].days == var.alb_access_log_retention_days
    )
    error_message = "The log bucket (a private-bucket: private, versioned, without ACLs) is SSE-S3 encrypted, all ELB can write, and expires logs."
  }

  assert {
    condition = (
      [for s in jsondecode(module.alb_logs_bucket[0].policy).Statement : s.Sid] == ["ElbRegionalAccountDelivery", "ElbServiceDelivery", "DenyInsecureTransport"] &&
      jsondecode(module.alb_logs_bucket[0].policy).Statement[0].Principal.AWS == "arn:aws:iam::127311923021:root" &&
      jsondecode(module.alb_logs_bucket[0].policy).Statement[1].Resource == "arn:aws:s3:::allergyhub-prod-api-alb-logs-123456789012/alb/allergyhub-prod-api/AWSLogs/123456789012/*"
    )
    error_message = "ELB may write only under the ALB's prefix for this account, and only over TLS."
  }
}

run "database_is_managed_encrypted_and_replicated" {
  command = apply

  assert {
    condition = (
      aws_db_instance.this[0].manage_master_user_password &&
      aws_db_instance.this[0].master_user_secret_kms_key_id == var.kms_key_arn
    )
    error_message = "RDS manages the master password in Secrets Manager under the environment key."
  }

  assert {
    condition = (
      aws_db_instance.this[0].storage_encrypted && aws_db_instance.this[0].kms_key_id == var.kms_key_arn &&
      aws_db_instance.this[0].performance_insights_enabled && aws_db_instance.this[0].performance_insights_kms_key_id == var.kms_key_arn
    )
    error_message = "Storage and Performance Insights are encrypted with the environment key."
  }

  assert {
    condition = (
      aws_db_instance.this[0].multi_az && aws_db_instance.this[0].max_allocated_storage == 2000 &&
      aws_db_instance.this[0].ca_cert_identifier == "rds-ca-rsa2048-g1" &&
      aws_db_instance.this[0].backup_retention_period == 14 && aws_db_instance.this[0].deletion_protection &&
      aws_db_instance.this[0].iam_database_authentication_enabled && !aws_db_instance.this[0].publicly_accessible &&
      aws_db_instance.this[0].monitoring_interval == 60 && aws_db_instance.this[0].monitoring_role_arn == aws_iam_role.rds_monitoring[0].arn &&
      toset(aws_db_instance.this[0].enabled_cloudwatch_logs_exports) == toset(["postgresql", "upgrade"])
    )
    error_message = "Multi-AZ, storage autoscaling, backups, deletion protection, IAM auth, monitoring and log exports follow the inputs."
  }

  assert {
    condition     = toset(aws_db_subnet_group.this.subnet_ids) == toset(var.isolated_subnet_ids)
    error_message = "The database lives in the isolated subnets."
  }

  assert {
    condition = (
      aws_vpc_security_group_ingress_rule.db_from_app.from_port == 5432 &&
      aws_vpc_security_group_ingress_rule.db_from_app.to_port == 5432 &&
      aws_vpc_security_group_ingress_rule.db_from_app.referenced_security_group_id == aws_security_group.app.id &&
      aws_vpc_security_group_ingress_rule.db_from_app.cidr_ipv4 == null
    )
    error_message = "The database accepts 5432 from the application security group only."
  }

  assert {
    condition     = anytrue([for p in aws_db_parameter_group.this.parameter : p.name == "rds.force_ssl" && p.value == "1"]) && aws_db_parameter_group.this.family == "postgres16"
    error_message = "The parameter group of the engine's major version forces TLS."
  }

  assert {
    condition = (
      length(aws_db_instance_automated_backups_replication.dr) == 1 &&
      aws_db_instance_automated_backups_replication.dr[0].source_db_instance_arn == aws_db_instance.this[0].arn &&
      aws_db_instance_automated_backups_replication.dr[0].kms_key_id == var.dr_kms_key_arn
    )
    error_message = "Automated backups replicate to the DR region, encrypted with its key."
  }

  assert {
    condition     = length(aws_kms_key.dr_backups) == 0
    error_message = "A given DR key is used as is; the module creates none."
  }
}

run "creates_the_dr_backup_key_when_none_is_given" {
  command = apply

  variables {
    dr_kms_key_arn = null
  }

  assert {
    condition = (
      length(aws_kms_key.dr_backups) == 1 && aws_kms_key.dr_backups[0].enable_key_rotation &&
      aws_db_instance_automated_backups_replication.dr[0].kms_key_id == aws_kms_key.dr_backups[0].arn &&
      startswith(aws_kms_key.dr_backups[0].arn, "arn:aws:kms:us-west-2:")
    )
    error_message = "Without a given key the module creates a rotating key in the DR region and the replicated backups use it."
  }

  assert {
    condition     = [for st in jsondecode(aws_kms_key.dr_backups[0].policy).Statement : st.Principal.AWS] == ["arn:aws:iam::123456789012:root"]
    error_message = "Only the account (through IAM) may use the DR key."
  }
}

run "dev_on_spot_without_load_balancer_or_replication" {
  command = apply

  variables {
    name                        = "allergyhub-dev-api"
    environment                 = "dev"
    instance_type               = "t3.small"
    spot_instance_types         = ["t3a.small"]
    spot                        = true
    min_size                    = 1
    max_size                    = 3
    desired_capacity            = 1
    enable_load_balancer        = false
    certificate_arn             = null
    alb_access_logs_bucket      = null
    multi_az                    = false
    enable_backup_replication   = false
    dr_kms_key_arn              = null
    db_instance_class           = "db.t4g.micro"
    db_allocated_storage_gb     = 20
    db_max_allocated_storage_gb = 50
    db_backup_retention_days    = 1
    db_deletion_protection      = false
    enable_instance_refresh     = false
    db_ca_cert_identifier       = null
  }

  assert {
    condition = (
      length(aws_autoscaling_group.app.launch_template) == 0 &&
      aws_autoscaling_group.app.mixed_instances_policy[0].instances_distribution[0].on_demand_percentage_above_base_capacity == 0 &&
      aws_autoscaling_group.app.mixed_instances_policy[0].instances_distribution[0].spot_allocation_strategy == "price-capacity-optimized" &&
      [for o in aws_autoscaling_group.app.mixed_instances_policy[0].launch_template[0].override : o.instance_type] == ["t3.small", "t3a.small"]
    )
    error_message = "Spot runs through a mixed instances policy with no on-demand share."
  }

  assert {
    condition     = length(aws_lb.this) == 0 && length(aws_lb_listener.https) == 0 && length(aws_security_group.alb) == 0 && aws_autoscaling_group.app.health_check_type == "EC2"
    error_message = "enable_load_balancer = false removes the load balancer and its security group."
  }

  assert {
    condition     = !aws_db_instance.this[0].multi_az && length(aws_db_instance_automated_backups_replication.dr) == 0 && length(aws_autoscaling_group.app.instance_refresh) == 0
    error_message = "Switches turn off multi-AZ, backup replication and instance refresh."
  }
}

run "rejects_desired_above_max" {
  command = plan

  variables {
    desired_capacity = 20
  }

  expect_failures = [var.desired_capacity]
}

run "rejects_listener_without_certificate" {
  command = plan

  variables {
    certificate_arn = null
  }

  expect_failures = [var.certificate_arn]
}

run "rejects_single_isolated_subnet" {
  command = plan

  variables {
    isolated_subnet_ids = ["subnet-00000000000000021"]
  }

  expect_failures = [var.isolated_subnet_ids]
}

run "without_the_database_the_network_side_stays" {
  command = plan

  variables {
    enable_database           = false
    enable_backup_replication = true
  }

  assert {
    condition = (
      length(aws_db_instance.this) == 0 && length(aws_db_instance_automated_backups_replication.dr) == 0 &&
      length(aws_iam_role.rds_monitoring) == 0 && aws_db_subnet_group.this.name != "" &&
      aws_security_group.db.name != ""
    )
    error_message = "Without the instance its replication and monitoring role go too; the subnet group and security group stay."
  }
}
